/**
 * Bitwarden's `totp` field (bitwarden.com/help/authenticator-keys): an otpauth:// URI, a
 * `steam://<base32>` key, or a bare base32 key (TOTP, SHA-1, 6 digits, 30 s).
 */
import type { AccountInput } from '../../account';
import { parseOtpauthUri } from '../../otpauth-uri';
import { toAccount } from './common';

/** One login's TOTP field as an account; `item` and `username` name it when the field is a bare key. */
export function bitwardenTotp(totp: string, item: string, username: string): AccountInput {
  const value = totp.trim();
  if (/^otpauth:\/\//i.test(value)) {
    return parseOtpauthUri(value);
  }
  const steam = /^steam:\/\/(.*)$/i.exec(value);
  if (steam !== null) {
    // Aegis names these "Steam" / "Steam account" (BitwardenImporter); the item name is not a Steam login.
    return toAccount({ kind: 'steam', issuer: 'Steam', name: 'Steam account', secret: steam[1] });
  }
  return toAccount({ kind: 'totp', issuer: item, name: username, secret: value });
}
