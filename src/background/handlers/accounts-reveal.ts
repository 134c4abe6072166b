import { TwostepError } from '../../core/errors';
import { formatOtpauthUri } from '../../core/otpauth-uri';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject, expectString } from '../validate';
import { MAX_SECRET } from './vault-lock';

/** The optional PIN or passphrase of a method that hands out secrets: null, or a bounded string. */
export const parseConfirmation = (secret: unknown): string | null =>
  secret === null || secret === undefined ? null : expectString(secret, 'secret', MAX_SECRET);

/**
 * With a PIN or passphrase set, `secret` must be it; a wrong one counts toward the same wait as a
 * wrong unlock (so showing or exporting secrets is no way around the throttle).
 */
export async function confirmIfProtected({ vault }: Services, secret: string | null): Promise<void> {
  if ((await vault.pinKind()) === null) return;
  // Asking is not trying: a page that did not know of the PIN yet must not cost the user a try.
  if (secret === null || secret === '') throw new TwostepError('pin_needed');
  await vault.confirmSecret(secret);
}

/**
 * Only for an extension page the user opened on purpose (the edit view); never for content scripts.
 * Codes are for whoever sits at the unlocked computer, but the secret makes codes for ever, elsewhere:
 * with a PIN or passphrase set it costs that again (see confirmIfProtected).
 */
export const accountsReveal = (services: Services): Handler<'accounts.reveal'> => ({
  from: ['extension'],
  parse(arg) {
    const { id, secret } = expectObject(arg, ['id', 'secret']);
    return { id: expectId(id), secret: parseConfirmation(secret) };
  },
  async run({ id, secret }) {
    await confirmIfProtected(services, secret);
    return { uri: formatOtpauthUri(await services.vault.get(id)) };
  },
});
