import { parseAccountInput } from '../../core/account-input';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectObject } from '../validate';
import { toView } from '../views';

export const accountsAdd = ({ vault, now }: Services): Handler<'accounts.add'> => ({
  from: ['extension'],
  parse: (arg) => ({ input: parseAccountInput(expectObject(arg, ['input']).input) }),
  async run({ input }) {
    return toView(await vault.add(input), now());
  },
});
