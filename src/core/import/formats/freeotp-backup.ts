/**
 * FreeOTP 2 backups (`externalBackup.xml`, github.com/freeotp/freeotp-android; layout as read by
 * Aegis's FreeOtpImporter): a Java-serialized HashMap<String, String> of JSON strings.
 * - "masterKey": {mAlgorithm "PBKDF2withHmacSHA1|256|512", mIterations, mSalt, mEncryptedKey}: the
 *   master key is AES-GCM-sealed under PBKDF2(password, salt, iterations, 256 bit);
 * - "<uuid>": {key: "<EncryptedKey JSON>"}, the token's secret sealed under the master key;
 * - "<uuid>-token": the token's metadata (type, algo, digits, period, counter, issuerExt, label).
 * An EncryptedKey is {mCipher "AES/GCM/NoPadding", mCipherText (ciphertext ‖ tag, signed bytes),
 * mParameters (DER GCMParameters: nonce and tag length), mToken}, and mToken is the additional data.
 * The iteration count comes from the file, so the guarded KDF checks it before running.
 */
import { TwostepError } from '../../errors';
import { signedBytes, startsWith, utf8Bytes } from '../bytes';
import { aesGcmOpen } from '../cipher';
import { Collector, entryLabel } from '../collect';
import type { JsonRecord } from '../json';
import { isRecord, lookup, optNumber, optString, parseJson, record, string } from '../json';
import type { Pbkdf2Hash } from '../kdf';
import type { ImportFormat } from '../types';
import { toAccount } from './common';
import { readStringHashMap } from './java-serialization';

const HASHES: Record<string, Pbkdf2Hash> = { PBKDF2withHmacSHA1: 'SHA-1', PBKDF2withHmacSHA256: 'SHA-256', PBKDF2withHmacSHA512: 'SHA-512' };
const MAGIC = Uint8Array.of(0xac, 0xed, 0x00, 0x05, 0x73, 0x72);

/** FreeOTP 2 encrypted backup (Java-serialized map). */
export const freeotpBackup: ImportFormat = {
  id: 'freeotp-backup',
  detect: (source) => startsWith(source.bytes, MAGIC),
  async read(source, context) {
    const map = readStringHashMap(source.bytes);
    const master = record(parseJson(map.get('masterKey') ?? ''), 'masterKey');
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const hash = lookup(HASHES, string(master.mAlgorithm, 'mAlgorithm'));
    const iterations = optNumber(master.mIterations, 'mIterations');
    if (hash === undefined || iterations === undefined) {
      throw new TwostepError('import_malformed', 'freeotp masterKey');
    }
    // Java's PBKDF2 takes the password as chars and hashes their UTF-8 bytes (PBKDF2KeyImpl).
    const wrapping = await context.kdf.pbkdf2(utf8Bytes(context.password), signedBytes(master.mSalt), iterations, hash, 32);
    const masterKey = await openKey(record(master.mEncryptedKey, 'mEncryptedKey'), wrapping);
    if (masterKey === undefined) {
      throw new TwostepError('wrong_password');
    }
    const collector = new Collector(this.id);
    let position = 0;
    for (const [id, value] of map) {
      if (id === 'masterKey' || id.endsWith('-token')) continue;
      position++;
      const meta = isRecord(parseJson(map.get(`${id}-token`) ?? '')) ? (parseJson(map.get(`${id}-token`) ?? '') as JsonRecord) : {};
      const issuer = optString(meta.issuerAlt, 'issuerAlt') ?? optString(meta.issuerExt, 'issuerExt') ?? '';
      const name = optString(meta.labelAlt, 'labelAlt') ?? optString(meta.label, 'label') ?? '';
      const label = entryLabel(issuer, name, position);
      const sealed = parseJson(string(record(parseJson(value), 'token key').key, 'token key'));
      const secret = await openKey(record(sealed, 'token key'), masterKey);
      if (secret === undefined) {
        // The master key opened, so a token that does not is damaged.
        collector.skip(label, 'import_malformed');
        continue;
      }
      collector.add(label, () => {
        const type = optString(meta.type, 'type') ?? '';
        if (type !== 'TOTP' && type !== 'HOTP') {
          throw new TwostepError('uri_kind_unknown', type.slice(0, 16));
        }
        const steam = type === 'TOTP' && optString(meta.issuerExt, 'issuerExt') === 'Steam';
        return toAccount({
          kind: steam ? 'steam' : type === 'HOTP' ? 'hotp' : 'totp',
          issuer,
          name,
          secret,
          // FreeOTP 2 writes "algo": null for SHA-1 tokens made by older versions (Aegis defaults it too).
          algorithm: optString(meta.algo, 'algo'),
          digits: optNumber(meta.digits, 'digits'),
          period: optNumber(meta.period, 'period'),
          counter: type === 'HOTP' ? optNumber(meta.counter, 'counter') ?? 0 : undefined,
        });
      });
    }
    return collector.result();
  },
};

/** Opens an EncryptedKey; undefined when the key does not fit. */
async function openKey(sealed: JsonRecord, key: Uint8Array): Promise<Uint8Array | undefined> {
  if (sealed.mCipher !== 'AES/GCM/NoPadding') {
    throw new TwostepError('import_malformed', 'freeotp cipher');
  }
  const nonce = gcmNonce(signedBytes(sealed.mParameters));
  return aesGcmOpen(key, nonce, signedBytes(sealed.mCipherText), utf8Bytes(string(sealed.mToken, 'mToken')));
}

/**
 * DER GCMParameters (RFC 5084 §3.2): SEQUENCE { OCTET STRING nonce, INTEGER tag length (16) }.
 * Android 6 (API 23) wrote the master key's parameters as the bare OCTET STRING.
 */
function gcmNonce(der: Uint8Array): Uint8Array {
  if (der[0] === 0x04 && der[1] === der.length - 2 && der.length > 2) {
    return der.subarray(2);
  }
  const length = der[3] ?? 0;
  const tagAt = 4 + length;
  const ok = der[0] === 0x30 && der[1] === der.length - 2 && der[2] === 0x04 && length >= 1 && der[tagAt] === 0x02 && der[tagAt + 1] === 1 && der[tagAt + 2] === 16 && tagAt + 3 === der.length;
  if (!ok) {
    throw new TwostepError('import_malformed', 'freeotp gcm parameters');
  }
  return der.subarray(4, tagAt);
}
