/**
 * Ente Auth's encrypted export (github.com/ente-io/ente, docs/docs/auth/migration/export.md):
 * `{version: 1, kdfParams: {memLimit, opsLimit, salt}, encryptedData, encryptionNonce}`, all binary
 * fields standard base64. The key is libsodium's crypto_pwhash with ALG_ARGON2ID13, which is plain
 * Argon2id v1.3 with one lane, `opsLimit` passes and `memLimit` BYTES of memory, 16-byte salt, 32-byte
 * key; so it runs through the shared, cost-checked `kdf.argon2id` (hash-wasm), not through libsodium.
 * The data is one libsodium secretstream (XChaCha20-Poly1305) message tagged FINAL, whose header is
 * `encryptionNonce`; the plaintext is Ente's plain export, one otpauth URI per line.
 *
 * libsodium is imported dynamically, here only: it is 1 MB of WebAssembly that only this format needs,
 * so it is fetched when someone actually opens an Ente file on the import page, and the worker and the
 * popup, which never import this folder, never load it.
 */
import { TwostepError } from '../../errors';
import { base64, utf8, utf8Bytes } from '../bytes';
import { isRecord, record, string } from '../json';
import type { ImportFormat, ImportSource } from '../types';
import { otpauthList } from './otpauth-list';

const SALT_BYTES = 16; // crypto_pwhash_SALTBYTES
const HEADER_BYTES = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
const A_BYTES = 17; // crypto_secretstream_xchacha20poly1305_ABYTES: one tag byte and a 16-byte MAC

const isEnteEncrypted = (json: unknown): boolean => isRecord(json) && isRecord(json.kdfParams) && 'encryptedData' in json;

/** A positive integer field, or `import_malformed`. */
function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TwostepError('import_malformed', `ente ${what}`);
  }
  return value;
}

/** Ente Auth encrypted export. */
export const enteEncrypted: ImportFormat = {
  id: 'ente-encrypted',
  detect: (source) => isEnteEncrypted(source.json),
  async read(source, context) {
    const file = record(source.json, 'ente');
    if (file.version !== 1) {
      throw new TwostepError('import_malformed', 'ente version');
    }
    const params = record(file.kdfParams, 'ente kdfParams');
    const memLimit = count(params.memLimit, 'memLimit');
    const opsLimit = count(params.opsLimit, 'opsLimit');
    const salt = base64(string(params.salt, 'salt'));
    const header = base64(string(file.encryptionNonce, 'encryptionNonce'));
    const sealed = base64(string(file.encryptedData, 'encryptedData'));
    // libsodium rounds memLimit down to whole KiB (argon2_ctx takes KiB); a file that does not is not Ente's.
    if (memLimit % 1024 !== 0 || salt.length !== SALT_BYTES || header.length !== HEADER_BYTES || sealed.length < A_BYTES) {
      throw new TwostepError('import_malformed', 'ente fields');
    }
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    // The cost check happens inside `kdf` (guardKdf), before any work and before libsodium loads.
    const key = await context.kdf.argon2id(utf8Bytes(context.password), salt, { iterations: opsLimit, memoryKiB: memLimit / 1024, parallelism: 1 }, 32);
    const plain = await openSecretstream(key, header, sealed);
    const text = utf8(plain);
    const inner: ImportSource = { bytes: plain, text, json: undefined };
    if (text.trim() === '') {
      // An export with no codes in it: nothing to import, which the page says as "empty".
      throw new TwostepError('import_empty', 'ente');
    }
    if (!otpauthList.detect(inner)) {
      throw new TwostepError('import_malformed', 'ente plaintext');
    }
    const result = await otpauthList.read(inner, context);
    return { ...result, format: this.id };
  },
};

/**
 * Opens a one-message secretstream. A failed MAC is a wrong password (a changed byte looks the same
 * and the file has no separate password check); a message that opens but is not tagged FINAL is a
 * stream cut after a chunk boundary, never a whole export.
 */
async function openSecretstream(key: Uint8Array, header: Uint8Array, sealed: Uint8Array): Promise<Uint8Array> {
  const { default: sodium } = await import('libsodium-wrappers-sumo');
  await sodium.ready;
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, null);
  if (opened === false) {
    throw new TwostepError('wrong_password');
  }
  if (opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    throw new TwostepError('import_malformed', 'ente stream not final');
  }
  return opened.message;
}
