/**
 * The two ciphers export formats use, through WebCrypto. Both return undefined when the data does
 * not decrypt (wrong key, changed byte, bad padding), and each format decides whether that means a
 * wrong password or a damaged file.
 */
import { toBuffer } from './bytes';

/** AES-GCM with a 128-bit tag; `data` is ciphertext followed by the tag, as WebCrypto expects. */
export async function aesGcmOpen(key: Uint8Array, iv: Uint8Array, data: Uint8Array, aad?: Uint8Array): Promise<Uint8Array | undefined> {
  if (data.length < 16 || iv.length === 0 || ![16, 24, 32].includes(key.length)) {
    return undefined;
  }
  try {
    const k = await globalThis.crypto.subtle.importKey('raw', toBuffer(key), 'AES-GCM', false, ['decrypt']);
    const params = { name: 'AES-GCM', iv: toBuffer(iv), tagLength: 128, ...(aad === undefined ? {} : { additionalData: toBuffer(aad) }) };
    return new Uint8Array(await globalThis.crypto.subtle.decrypt(params, k, toBuffer(data)));
  } catch {
    return undefined;
  }
}

/** AES-CBC with PKCS#7 padding (Java's "PKCS5Padding" is the same for AES). */
export async function aesCbcOpen(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array | undefined> {
  if (data.length === 0 || data.length % 16 !== 0 || iv.length !== 16 || ![16, 24, 32].includes(key.length)) {
    return undefined;
  }
  try {
    const k = await globalThis.crypto.subtle.importKey('raw', toBuffer(key), 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-CBC', iv: toBuffer(iv) }, k, toBuffer(data)));
  } catch {
    return undefined;
  }
}

/** SHA-256 through WebCrypto. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', toBuffer(data)));
}
