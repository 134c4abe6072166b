/**
 * 2FAS Authenticator backups (`.2fas`, github.com/twofas/2fas-android, BackupContent): JSON with
 * `schemaVersion` 1–4 and `services[]`. Schema 1 has only the secret and names (TOTP, defaults);
 * schema 2 adds digits/period/algorithm; schema 3 adds `tokenType` (TOTP, HOTP, STEAM) and `counter`.
 * Encrypted files have `servicesEncrypted` = "b64(ciphertext‖tag):b64(salt):b64(iv)",
 * key = PBKDF2-HMAC-SHA256(password, salt, 10,000, 256 bit), AES-256-GCM; the plaintext is the
 * JSON array of services.
 */
import { TwostepError } from '../../errors';
import { base64, utf8, utf8Bytes } from '../bytes';
import { aesGcmOpen } from '../cipher';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, lookup, optNumber, optString, parseJson, record } from '../json';
import type { ImportContext, ImportFormat } from '../types';
import { toAccount } from './common';

/** Fixed by 2FAS (BackupCipher: PBKDF2WithHmacSHA256, 10000 iterations). */
const PBKDF2_ITERATIONS = 10_000;
const KINDS: Record<string, 'totp' | 'hotp' | 'steam'> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

/** 2FAS backup, schema 1–4, plain or encrypted. */
export const twofas: ImportFormat = {
  id: '2fas',
  detect: (source) => isRecord(source.json) && typeof source.json.schemaVersion === 'number' && Array.isArray(source.json.services),
  async read(source, context) {
    const file = record(source.json, '2fas');
    const schema = file.schemaVersion;
    if (typeof schema !== 'number' || schema < 1 || schema > 4) {
      throw new TwostepError('import_malformed', '2fas schema');
    }
    let services = array(file.services, 'services');
    if (typeof file.servicesEncrypted === 'string') {
      if (context.password === undefined) {
        return { kind: 'password_needed', format: '2fas' };
      }
      services = await decrypt(file.servicesEncrypted, context);
    }
    const collector = new Collector('2fas');
    services.forEach((raw, index) => {
      const service = isRecord(raw) ? raw : {};
      const otp = isRecord(service.otp) ? service.otp : {};
      const issuer = optString(otp.issuer, 'issuer') ?? optString(service.name, 'name') ?? '';
      const name = optString(otp.account, 'account') ?? '';
      collector.add(entryLabel(issuer, name, index + 1), () => {
        const type = optString(otp.tokenType, 'tokenType') ?? 'TOTP';
        const kind = lookup(KINDS, type);
        if (kind === undefined) {
          throw new TwostepError('uri_kind_unknown', type.slice(0, 16));
        }
        return toAccount({
          kind,
          issuer,
          name,
          secret: optString(service.secret, 'secret'),
          algorithm: optString(otp.algorithm, 'algorithm'),
          digits: optNumber(otp.digits, 'digits'),
          period: optNumber(otp.period, 'period'),
          counter: kind === 'hotp' ? optNumber(otp.counter, 'counter') : undefined,
        });
      });
    });
    return collector.result();
  },
};

async function decrypt(field: string, context: ImportContext): Promise<unknown[]> {
  const parts = field.split(':');
  if (parts.length !== 3) {
    throw new TwostepError('import_malformed', '2fas servicesEncrypted');
  }
  const [sealed, salt, iv] = parts.map((p) => base64(p)) as [Uint8Array, Uint8Array, Uint8Array];
  const key = await context.kdf.pbkdf2(utf8Bytes(context.password ?? ''), salt, PBKDF2_ITERATIONS, 'SHA-256', 32);
  const plain = await aesGcmOpen(key, iv, sealed);
  if (plain === undefined) {
    throw new TwostepError('wrong_password');
  }
  return array(parseJson(utf8(plain)), 'services');
}
