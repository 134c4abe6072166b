/**
 * TOTP Authenticator (com.authenticator.authservice2) backups, as read by Aegis's
 * TotpAuthenticatorImporter: the file is base64 of AES-256-CBC (IV of 16 zero bytes) under
 * SHA-256(password); the plaintext is a JSON object whose first KEY is itself the JSON array of
 * entries {issuer, name, key, base, digits, period}, with `key` in base 16, 32 or 64 as `base` says.
 * The app has no algorithm field (SHA-1). Digits and period are read from the file: Aegis ignores
 * them, which would show wrong codes for a 7-digit or 20-second account.
 */
import { TwostepError } from '../../errors';
import { base64, hex, utf8Bytes, utf8OrUndefined } from '../bytes';
import { aesCbcOpen, sha256 } from '../cipher';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, optNumber, optString, parseJson } from '../json';
import type { ImportFormat, ImportResult } from '../types';
import { isSharedPrefs, sharedPrefStrings } from './shared-prefs';
import { toAccount } from './common';

const BASE64_FILE = /^[A-Za-z0-9+/]{43,}={0,2}$/;

/** TOTP Authenticator encrypted backup. */
export const totpAuthenticator: ImportFormat = {
  id: 'totp-authenticator',
  // Base64 of whole AES blocks and nothing else: no other export looks like that.
  detect: (source) => source.text !== undefined && BASE64_FILE.test(source.text.trim()) && cipherLength(source.text.trim()) % 16 === 0,
  async read(source, context) {
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const sealed = base64(source.text ?? '');
    const plain = await aesCbcOpen(await sha256(utf8Bytes(context.password)), new Uint8Array(16), sealed);
    const outer = plain === undefined ? undefined : parseJson(utf8OrUndefined(plain) ?? '');
    if (!isRecord(outer)) {
      throw new TwostepError('wrong_password');
    }
    return entries(this.id, parseJson(Object.keys(outer)[0] ?? ''));
  },
};

/**
 * The app's own storage (shared_prefs, a rooted phone's copy): the same entry array, as the
 * `STATIC_TOTP_CODES_LIST` string. Read because it is as plain as the backup's content.
 */
export const totpAuthenticatorInternal: ImportFormat = {
  id: 'totp-authenticator-internal',
  detect: (source) => isSharedPrefs(source.text) && sharedPrefStrings(source.text ?? '').some(([name]) => name === LIST),
  read(source) {
    const list = sharedPrefStrings(source.text ?? '').find(([name]) => name === LIST)?.[1] ?? '';
    return Promise.resolve(entries(this.id, parseJson(list)));
  },
};

const LIST = 'STATIC_TOTP_CODES_LIST';

function entries(format: string, json: unknown): ImportResult {
  const list = array(json, 'totp authenticator entries');
  const collector = new Collector(format);
  list.forEach((raw, index) => {
    const entry = isRecord(raw) ? raw : {};
    const issuer = optString(entry.issuer, 'issuer') ?? '';
    const name = optString(entry.name, 'name') ?? '';
    collector.add(entryLabel(issuer, name, index + 1), () => {
      const key = optString(entry.key, 'key') ?? '';
      const base = optNumber(entry.base, 'base') ?? 16;
      const secret = base === 16 ? hex(key, 'secret_not_base32') : base === 64 ? base64(key, 'secret_not_base32') : base === 32 ? key : undefined;
      if (secret === undefined) {
        throw new TwostepError('secret_not_base32', `base ${base}`);
      }
      // Digits and period are strings in this format ("6", "30").
      return toAccount({ kind: 'totp', issuer, name, secret, digits: numeric(entry.digits), period: numeric(entry.period) });
    });
  });
  return collector.result();
}

function cipherLength(text: string): number {
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'string' && /^[0-9]{1,6}$/.test(value)) return Number(value);
  return optNumber(value, 'number');
}
