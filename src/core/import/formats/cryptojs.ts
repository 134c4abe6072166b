/**
 * CryptoJS's passphrase mode, `CryptoJS.AES.decrypt(text, passphrase)`: the text is base64 of
 * "Salted__" ‖ salt (8) ‖ AES-256-CBC ciphertext, and key and IV come from OpenSSL's
 * EVP_BytesToKey with MD5 and one round: D1 = MD5(pass ‖ salt), Di = MD5(Di-1 ‖ pass ‖ salt), key =
 * the first 32 bytes, IV the next 16 (cryptojs.gitbook.io/docs, "The Cipher Input"; OpenSSL
 * EVP_BytesToKey(3)). MD5 here is a key-stretching step of that format, not a choice of ours.
 */
import { md5 } from '../hash-wasm';
import { base64, concat, hex, startsWith, utf8Bytes } from '../bytes';
import { aesCbcOpen } from '../cipher';

const SALTED = 'Salted__';

/** The plaintext bytes, or undefined when the passphrase (or the text) is wrong. */
export async function cryptoJsDecrypt(text: string, passphrase: string): Promise<Uint8Array | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = base64(text);
  } catch {
    return undefined;
  }
  if (!startsWith(bytes, SALTED) || bytes.length < 16 + 16) {
    return undefined;
  }
  const salt = bytes.subarray(8, 16);
  const pass = utf8Bytes(passphrase);
  let derived: Uint8Array = new Uint8Array(0);
  let block: Uint8Array = new Uint8Array(0);
  while (derived.length < 48) {
    block = hex(await md5(concat(block, pass, salt)));
    derived = concat(derived, block);
  }
  return aesCbcOpen(derived.subarray(0, 32), derived.subarray(32, 48), bytes.subarray(16));
}
