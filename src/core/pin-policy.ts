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

/**
 * True for a PIN that is among the first an attacker tries: one digit repeated (0000, 1111), a run up or
 * down (1234, 123456, 4321, 9876), a pair repeated (1212, 121212), or a year-like 19xx/20xx of four
 * digits. A warning, not a refusal (issue 12): the throttle still limits guesses, and the user decides.
 */
export function isWeakPin(pin: string): boolean {
  if (!/^[0-9]{4,12}$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  if (steps.size === 1 && [0, 1, 9].includes([...steps][0] ?? -1)) return true;
  if (pin.length % 2 === 0 && pin === pin.slice(0, 2).repeat(pin.length / 2)) return true;
  return pin.length === 4 && /^(19|20)\d\d$/.test(pin);
}
