import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';
import { toView } from '../views';

export const accountsHotpNext = ({ vault, now }: Services): Handler<'accounts.hotpNext'> => ({
  from: ['extension'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }) {
    // The counter advance is one atomic read-check-write in the vault (RFC 4226 §7.2: never reuse a counter).
    const updated = await vault.update(id, (current) => {
      if (current.kind !== 'hotp') throw new TwostepError('bad_request', 'not an HOTP account');
      return parseAccountInput({ ...current, counter: current.counter + 1 });
    });
    return toView(updated, now());
  },
});
