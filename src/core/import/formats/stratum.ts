/**
 * Stratum (formerly Authenticator Pro, github.com/stratumauth/app, Stratum.Core/Backup). Plain JSON:
 * `{Authenticators: [{Type, Issuer, Username, Secret, Algorithm, Digits, Period, Counter}], ...}` with
 * Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex and Algorithm 0 SHA-1, 1 SHA-256, 2 SHA-512.
 * Encrypted files start with a 16-byte header:
 * - "AUTHENTICATORPRO": salt (16) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag, key = Argon2id(t=3,
 *   m=64 MiB, p=4, 32 bytes);
 * - "AuthenticatorPro" (legacy): salt (20) ‖ IV (16) ‖ AES-256-CBC ciphertext, key =
 *   PBKDF2-HMAC-SHA1(64,000 iterations, 256 bit).
 * Both KDF costs are fixed by the format, not read from the file.
 */
import { TwostepError } from '../../errors';
import { startsWith, utf8Bytes, utf8OrUndefined } from '../bytes';
import { aesCbcOpen, aesGcmOpen } from '../cipher';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, lookup, optNumber, optString, parseJson, record } from '../json';
import type { ImportFormat, ImportResult } from '../types';
import { toAccount } from './common';

const HEADER = 'AUTHENTICATORPRO';
const LEGACY_HEADER = 'AuthenticatorPro';
const ARGON2 = { iterations: 3, memoryKiB: 64 * 1024, parallelism: 4 } as const;
const LEGACY_ITERATIONS = 64_000;
const KINDS: Record<number, 'totp' | 'hotp' | 'steam'> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

/** Stratum / Authenticator Pro plain JSON. */
export const stratum: ImportFormat = {
  id: 'stratum',
  detect: (source) => isRecord(source.json) && Array.isArray(source.json.Authenticators),
  read: (source) => Promise.resolve(entries(record(source.json, 'stratum'))),
};

/** Stratum / Authenticator Pro encrypted backup, current or legacy. */
export const stratumEncrypted: ImportFormat = {
  id: 'stratum-encrypted',
  detect: (source) => startsWith(source.bytes, HEADER) || startsWith(source.bytes, LEGACY_HEADER),
  async read(source, context) {
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const password = utf8Bytes(context.password);
    const body = source.bytes.subarray(16);
    let plain: Uint8Array | undefined;
    if (startsWith(source.bytes, HEADER)) {
      if (body.length < 16 + 12 + 16) throw new TwostepError('import_malformed', 'stratum');
      const key = await context.kdf.argon2id(password, body.subarray(0, 16), ARGON2, 32);
      plain = await aesGcmOpen(key, body.subarray(16, 28), body.subarray(28));
    } else {
      if (body.length < 20 + 16 + 16) throw new TwostepError('import_malformed', 'stratum legacy');
      const key = await context.kdf.pbkdf2(password, body.subarray(0, 20), LEGACY_ITERATIONS, 'SHA-1', 32);
      plain = await aesCbcOpen(key, body.subarray(20, 36), body.subarray(36));
    }
    // CBC has no tag: a wrong key passes the padding check about once in 256 tries, and then the
    // plaintext is not JSON. Either way it is the password.
    const json = plain === undefined ? undefined : parseJson(utf8OrUndefined(plain) ?? '');
    if (!isRecord(json)) {
      throw new TwostepError('wrong_password');
    }
    return entries(json, this.id);
  },
};

function entries(file: Record<string, unknown>, format = 'stratum'): ImportResult {
  const collector = new Collector(format);
  array(file.Authenticators, 'Authenticators').forEach((raw, index) => {
    const entry = isRecord(raw) ? raw : {};
    const issuer = optString(entry.Issuer, 'Issuer') ?? '';
    const name = optString(entry.Username, 'Username') ?? '';
    collector.add(entryLabel(issuer, name, index + 1), () => {
      const type = optNumber(entry.Type, 'Type') ?? -1;
      const kind = lookup(KINDS, type);
      if (kind === undefined) {
        throw new TwostepError('uri_kind_unknown', String(type));
      }
      const algorithmNumber = optNumber(entry.Algorithm, 'Algorithm') ?? 0;
      const algorithm = lookup(ALGORITHMS, algorithmNumber);
      if (algorithm === undefined) {
        throw new TwostepError('algorithm_unsupported', String(algorithmNumber));
      }
      return toAccount({
        kind,
        issuer,
        name,
        secret: optString(entry.Secret, 'Secret'),
        algorithm,
        digits: optNumber(entry.Digits, 'Digits'),
        period: optNumber(entry.Period, 'Period'),
        counter: kind === 'hotp' ? optNumber(entry.Counter, 'Counter') : undefined,
      });
    });
  });
  return collector.result();
}
