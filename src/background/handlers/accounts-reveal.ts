import { formatOtpauthUri } from '../../core/otpauth-uri';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';

/** Only for an extension page the user opened on purpose (the edit view); never for content scripts. */
export const accountsReveal = ({ vault }: Services): Handler<'accounts.reveal'> => ({
  from: ['extension'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }) {
    return { uri: formatOtpauthUri(await vault.get(id)) };
  },
});
