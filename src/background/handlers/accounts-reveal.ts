import { TwostepError } from '../../core/errors';
import { formatOtpauthUri } from '../../core/otpauth-uri';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject, expectString } from '../validate';
import { MAX_SECRET } from './vault-lock';

/**
 * Only for an extension page the user opened on purpose (the edit view); never for content scripts.
 * Codes are for whoever sits at the unlocked computer, but the secret makes codes for ever, elsewhere:
 * with a PIN or passphrase set it costs that again, and a wrong one counts toward the same wait as a
 * wrong unlock (so "Show secret" is no way around the throttle).
 */
export const accountsReveal = ({ vault }: Services): Handler<'accounts.reveal'> => ({
  from: ['extension'],
  parse(arg) {
    const { id, secret } = expectObject(arg, ['id', 'secret']);
    return { id: expectId(id), secret: secret === null || secret === undefined ? null : expectString(secret, 'secret', MAX_SECRET) };
  },
  async run({ id, secret }) {
    if ((await vault.pinKind()) !== null) {
      // Asking is not trying: a popup that did not know of the PIN yet must not cost the user a try.
      if (secret === null || secret === '') throw new TwostepError('pin_needed');
      await vault.confirmSecret(secret);
    }
    return { uri: formatOtpauthUri(await vault.get(id)) };
  },
});
