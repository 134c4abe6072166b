/**
 * andOTP backups (github.com/andOTP/andOTP, Tools/EncryptionHelper and BackupHelper). Plain: a JSON
 * array of entries {secret, issuer, label, digits, type, algorithm, period, counter}. Encrypted
 * (`.json.aes`), two layouts without any magic bytes:
 * - new: iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag,
 *   key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bit);
 * - old: nonce (12) ‖ ciphertext ‖ tag, key = SHA-256(password).
 * Having no header, an encrypted andOTP file is recognised only as "binary, and no other format".
 */
import { TwostepError } from '../../errors';
import { utf8Bytes, utf8OrUndefined } from '../bytes';
import { aesGcmOpen, sha256 } from '../cipher';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, lookup, optNumber, optString, parseJson } from '../json';
import type { ImportContext, ImportFormat, ImportResult } from '../types';
import { toAccount } from './common';

const KINDS: Record<string, 'totp' | 'hotp' | 'steam'> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };
/** The smallest file of either layout: header, nonce and tag. */
const MIN_OLD = 12 + 16;
const MIN_NEW = 4 + 12 + 12 + 16;

const isEntry = (value: unknown): boolean => isRecord(value) && 'secret' in value && typeof value.type === 'string' && ('label' in value || 'issuer' in value);

/** andOTP plain JSON. */
export const andotp: ImportFormat = {
  id: 'andotp',
  detect: (source) => Array.isArray(source.json) && source.json.length > 0 && source.json.every(isEntry),
  read: (source) => Promise.resolve(entries(source.json as unknown[])),
};

/** andOTP encrypted backup, new or old layout. */
export const andotpEncrypted: ImportFormat = {
  id: 'andotp-encrypted',
  // Text files are never andOTP ciphertext: random bytes are valid UTF-8 with negligible probability.
  detect: (source) => source.text === undefined && source.bytes.length >= MIN_OLD,
  async read(source, context) {
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const plain = (await openNew(source.bytes, context)) ?? (await openOld(source.bytes, context.password));
    const json = plain === undefined ? undefined : parseJson(utf8OrUndefined(plain) ?? '');
    if (!Array.isArray(json)) {
      throw new TwostepError('wrong_password');
    }
    return entries(json as unknown[], this.id);
  },
};

async function openNew(bytes: Uint8Array, context: ImportContext): Promise<Uint8Array | undefined> {
  if (bytes.length < MIN_NEW) {
    return undefined;
  }
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  try {
    const key = await context.kdf.pbkdf2(utf8Bytes(context.password ?? ''), bytes.subarray(4, 16), iterations, 'SHA-1', 32);
    return await aesGcmOpen(key, bytes.subarray(16, 28), bytes.subarray(28));
  } catch (error) {
    // An old-layout file starts with a random nonce, whose first 4 bytes are usually a huge
    // "iteration count": that is not a hostile file, so fall through to the old layout.
    if (error instanceof TwostepError && error.code === 'import_kdf_too_costly') {
      return undefined;
    }
    throw error;
  }
}

async function openOld(bytes: Uint8Array, password: string): Promise<Uint8Array | undefined> {
  const key = await sha256(utf8Bytes(password));
  return aesGcmOpen(key, bytes.subarray(0, 12), bytes.subarray(12));
}

function entries(list: unknown[], format = 'andotp'): ImportResult {
  const collector = new Collector(format);
  array(list, 'andotp').forEach((raw, index) => {
    const entry = isRecord(raw) ? raw : {};
    let issuer = optString(entry.issuer, 'issuer');
    let name = optString(entry.label, 'label') ?? '';
    // Older andOTP versions had no issuer field and wrote "Issuer - account" as the label; Aegis's
    // AndOtpImporter splits it the same way.
    const dash = name.indexOf(' - ');
    if (issuer === undefined && dash !== -1) {
      issuer = name.slice(0, dash);
      name = name.slice(dash + 3);
    }
    const label = entryLabel(issuer, name, index + 1);
    const fields = { issuer: issuer ?? '', name };
    collector.add(label, () => {
      const type = optString(entry.type, 'type') ?? '';
      const kind = lookup(KINDS, type);
      if (kind === undefined) {
        throw new TwostepError('uri_kind_unknown', type.slice(0, 16));
      }
      return toAccount({
        kind,
        ...fields,
        secret: optString(entry.secret, 'secret'),
        algorithm: optString(entry.algorithm, 'algorithm'),
        digits: optNumber(entry.digits, 'digits'),
        period: optNumber(entry.period, 'period'),
        counter: kind === 'hotp' ? optNumber(entry.counter, 'counter') : undefined,
      });
    });
  });
  return collector.result();
}
