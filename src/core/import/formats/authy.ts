/**
 * Authy's token store, `com.authy.mobile_preferences.xml`-style shared preferences (read by Aegis's
 * AuthyImporter). Authy has no export, so this file, copied from a rooted phone, is the only way out.
 * The key `com.authy.storage.tokens.authenticator.key` holds a JSON array of third-party tokens:
 * `decryptedSecret` (base32), or `encryptedSecret` (base64) with `salt`, where the secret is
 * AES-256-CBC (IV of 16 zero bytes) under PBKDF2-HMAC-SHA1(backup password, UTF-8 salt, 1,000,
 * 256 bit). They are TOTP, SHA-1, 30 s; digits are stored. Authy's own tokens (10 s, their own
 * scheme, another key) are listed as skipped.
 */
import { TwostepError } from '../../errors';
import { base64, utf8Bytes, utf8OrUndefined } from '../bytes';
import { aesCbcOpen } from '../cipher';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, optNumber, optString, parseJson } from '../json';
import type { ImportFormat } from '../types';
import { toAccount } from './common';
import { isSharedPrefs, sharedPrefStrings } from './shared-prefs';

const TOKENS = 'com.authy.storage.tokens.authenticator.key';
const AUTHY_TOKENS = 'com.authy.storage.tokens.authy.key';
const ITERATIONS = 1000;

/** Authy's token store (shared preferences), plain or with encrypted secrets. */
export const authy: ImportFormat = {
  id: 'authy',
  detect: (source) => isSharedPrefs(source.text) && (source.text ?? '').includes(`name="${TOKENS}"`),
  async read(source, context) {
    const prefs = new Map(sharedPrefStrings(source.text ?? ''));
    const tokens = array(parseJson(prefs.get(TOKENS) ?? ''), 'authy tokens');
    const encrypted = tokens.some((t) => isRecord(t) && typeof t.encryptedSecret === 'string');
    if (encrypted && context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const collector = new Collector(this.id);
    let opened = 0;
    for (const [index, raw] of tokens.entries()) {
      const token = isRecord(raw) ? raw : {};
      const { issuer, name } = names(token);
      const label = entryLabel(issuer, name, index + 1);
      let secret = optString(token.decryptedSecret, 'decryptedSecret');
      const sealed = optString(token.encryptedSecret, 'encryptedSecret');
      if (secret === undefined && sealed !== undefined) {
        const key = await context.kdf.pbkdf2(utf8Bytes(context.password ?? ''), utf8Bytes(optString(token.salt, 'salt') ?? ''), ITERATIONS, 'SHA-1', 32);
        const plain = await aesCbcOpen(key, new Uint8Array(16), base64(sealed));
        secret = plain === undefined ? undefined : utf8OrUndefined(plain);
        if (secret === undefined || !/^[A-Za-z2-7= ]+$/.test(secret)) {
          // CBC has no tag; a wrong password shows as padding or text that is not base32.
          if (opened === 0) throw new TwostepError('wrong_password');
          collector.skip(label, 'import_malformed');
          continue;
        }
        opened++;
      }
      const value = secret;
      collector.add(label, () => toAccount({ kind: 'totp', issuer, name, secret: value, digits: optNumber(token.digits, 'digits') }));
    }
    const own = parseJson(prefs.get(AUTHY_TOKENS) ?? '');
    if (Array.isArray(own)) {
      own.forEach((raw, index) => collector.skip(isRecord(raw) ? entryLabel('Authy', raw.name, index + 1) : `Authy #${index + 1}`, 'uri_kind_unknown'));
    }
    return collector.result();
  },
};

/** Authy keeps the original label ("Issuer:account") and issuer; its display name is edited text. */
function names(token: Record<string, unknown>): { issuer: string; name: string } {
  const issuer = optString(token.originalIssuer, 'originalIssuer') ?? '';
  const original = optString(token.originalName, 'originalName') ?? optString(token.name, 'name') ?? '';
  const colon = original.indexOf(':');
  if (colon !== -1 && (issuer === '' || original.slice(0, colon).trim() === issuer)) {
    return { issuer: issuer || original.slice(0, colon).trim(), name: original.slice(colon + 1).trim() };
  }
  return { issuer, name: original };
}
