/**
 * Bitwarden's password-protected JSON export (bitwarden/clients, libs/tools/export: getPasswordProtectedExport):
 * `{encrypted: true, passwordProtected: true, salt, kdfType, kdfIterations, kdfMemory?, kdfParallelism?,
 * encKeyValidation_DO_NOT_EDIT, data}`. The key is the PIN-key construction (KeyService.makePinKey):
 * - kdfType 0: PBKDF2-HMAC-SHA256(password, salt, kdfIterations, 256 bit); kdfType 1: Argon2id(password,
 *   SHA-256(salt), kdfIterations, kdfMemory MiB, kdfParallelism); the salt string is used as UTF-8;
 * - stretched with HKDF-Expand-SHA256 (RFC 5869 §2.3) into an encryption key (info "enc") and a MAC key
 *   (info "mac").
 * `data` and the validation field are EncStrings of type 2, "2.<iv>|<ciphertext>|<mac>" (base64):
 * AES-256-CBC, then HMAC-SHA256 over iv ‖ ciphertext. The KDF cost comes from the file and is checked.
 * An account-restricted export (no `passwordProtected`) can only be opened by its account: refused.
 */
import { TwostepError } from '../../errors';
import { base64, concat, toBuffer, utf8, utf8Bytes } from '../bytes';
import { aesCbcOpen, sha256 } from '../cipher';
import type { JsonRecord } from '../json';
import { isRecord, optNumber, parseJson, record, string } from '../json';
import type { ImportContext, ImportFormat } from '../types';
import { bitwardenJson } from './bitwarden';

export const bitwardenEncrypted: ImportFormat = {
  id: 'bitwarden-encrypted',
  detect: (source) => isRecord(source.json) && source.json.encrypted === true && source.json.passwordProtected === true && typeof source.json.data === 'string',
  async read(source, context) {
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const file = record(source.json, 'bitwarden');
    const keys = await deriveKeys(file, context);
    if ((await openEncString(string(file.encKeyValidation_DO_NOT_EDIT, 'validation'), keys)) === undefined) {
      throw new TwostepError('wrong_password');
    }
    const plain = await openEncString(string(file.data, 'data'), keys);
    if (plain === undefined) {
      // The password opened the validation string, so a failing payload is damaged.
      throw new TwostepError('import_malformed', 'bitwarden data');
    }
    const inner = parseJson(utf8(plain));
    if (!isRecord(inner) || inner.encrypted === true) {
      throw new TwostepError('import_malformed', 'bitwarden data');
    }
    const result = await bitwardenJson.read({ bytes: plain, text: undefined, json: inner }, context);
    return result.kind === 'accounts' ? { ...result, format: this.id } : result;
  },
};

interface Keys {
  enc: Uint8Array;
  mac: Uint8Array;
}

async function deriveKeys(file: JsonRecord, context: ImportContext): Promise<Keys> {
  const password = utf8Bytes(context.password ?? '');
  const salt = utf8Bytes(string(file.salt, 'salt'));
  const iterations = optNumber(file.kdfIterations, 'kdfIterations') ?? 0;
  let key: Uint8Array;
  if (file.kdfType === 0) {
    key = await context.kdf.pbkdf2(password, salt, iterations, 'SHA-256', 32);
  } else if (file.kdfType === 1) {
    const memoryMiB = optNumber(file.kdfMemory, 'kdfMemory') ?? 0;
    const parallelism = optNumber(file.kdfParallelism, 'kdfParallelism') ?? 0;
    key = await context.kdf.argon2id(password, await sha256(salt), { iterations, memoryKiB: memoryMiB * 1024, parallelism }, 32);
  } else {
    throw new TwostepError('import_malformed', 'bitwarden kdfType');
  }
  return { enc: await hkdfExpand(key, 'enc'), mac: await hkdfExpand(key, 'mac') };
}

/** HKDF-Expand with SHA-256 for one 32-byte block: T(1) = HMAC(PRK, info ‖ 0x01). */
async function hkdfExpand(prk: Uint8Array, info: string): Promise<Uint8Array> {
  return hmac(prk, concat(utf8Bytes(info), Uint8Array.of(1)));
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await globalThis.crypto.subtle.importKey('raw', toBuffer(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', k, toBuffer(data)));
}

/** Opens a type-2 EncString; undefined when its MAC does not match (wrong key or changed bytes). */
async function openEncString(text: string, keys: Keys): Promise<Uint8Array | undefined> {
  const match = /^2\.([^|]+)\|([^|]+)\|([^|]+)$/.exec(text);
  if (match === null) {
    throw new TwostepError('import_malformed', 'bitwarden EncString');
  }
  const [iv, data, mac] = [match[1], match[2], match[3]].map((part) => base64(part ?? '')) as [Uint8Array, Uint8Array, Uint8Array];
  const expected = await hmac(keys.mac, concat(iv, data));
  // Encrypt-then-MAC: the MAC is checked before decrypting. Comparing every byte keeps the time flat.
  if (mac.length !== expected.length || expected.reduce((diff, byte, i) => diff | (byte ^ (mac[i] ?? 0)), 0) !== 0) {
    return undefined;
  }
  return aesCbcOpen(keys.enc, iv, data);
}
