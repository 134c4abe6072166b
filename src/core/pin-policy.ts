/** What counts as a PIN or a passphrase. */
import { TwostepError } from './errors';

export type SecretKind = 'pin' | 'passphrase';

/** Wrong tries allowed before each further try must wait (see vault/throttle.ts). */
export const FREE_TRIES = 5;

/** Checks a new PIN (4–12 digits) or passphrase (8–256 characters) before it wraps the vault key. */
export function checkNewSecret(secret: string, kind: SecretKind): string {
  if (kind === 'pin') {
    if (!/^[0-9]{4,12}$/.test(secret)) throw new TwostepError('pin_invalid');
    return secret;
  }
  const length = [...secret.normalize('NFC')].length;
  if (length < 8 || length > 256 || secret.trim() !== secret) throw new TwostepError('passphrase_invalid');
  return secret;
}
