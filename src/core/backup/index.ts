/**
 * Sealing and opening Twostep backups (format: ./format.ts, docs/backup-format.md). Time and
 * randomness are parameters. `sealBackup` derives a key from a password; `sealBackupWithKey` seals
 * with a key derived earlier by `deriveBackupKey` with the same `kdf`, which automatic backups keep
 * (wrapped) so they need no password each time. Both write the salt and costs into the file, so
 * either kind of file opens with the password alone.
 */
import { TwostepError } from '../errors';
import type { BackupHeader, BackupKdf } from './format';
import { BACKUP_VERSION, headerAad, looksLikeBackup, parseBackupFile, writeBackupFile } from './format';
import type { Argon2, RandomBytes } from './kdf';
import { deriveBackupKey, newBackupKdf, wasmArgon2 } from './kdf';
import type { BackupAccount } from './payload';
import { decodePayload, encodePayload, parseBackupAccount } from './payload';

export type { BackupHeader, BackupKdf } from './format';
export type { Argon2, RandomBytes } from './kdf';
export type { BackupAccount } from './payload';
export { BACKUP_FORMAT, BACKUP_VERSION, looksLikeBackup, parseBackupFile } from './format';
export { checkBackupKdf, DEFAULT_BACKUP_KDF, deriveBackupKey, newBackupKdf } from './kdf';
export { parseBackupAccount } from './payload';

/** When and with what randomness a file is written. */
export interface SealOptions {
  /** Epoch ms, recorded as the file's `createdAt`. */
  now: number;
  random: RandomBytes;
}

/** A backup's contents. */
export interface OpenedBackup {
  createdAt: string;
  accounts: BackupAccount[];
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
const KEY_CHECK_LABEL = new TextEncoder().encode('twostep-backup key check');

/**
 * HMAC-SHA256(key, "twostep-backup key check"), first 16 bytes. It lets a reader say "wrong password"
 * rather than "damaged file"; it tells an attacker nothing the GCM tag does not (both confirm a guess,
 * and each guess still costs one Argon2id run).
 */
async function keyCheck(key: Uint8Array): Promise<Uint8Array> {
  const hmac = await subtle().importKey('raw', buffer(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', hmac, buffer(KEY_CHECK_LABEL))).slice(0, 16);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Seals accounts with a key that `deriveBackupKey(password, kdf)` returned; gives the file's bytes. */
export async function sealBackupWithKey(accounts: readonly BackupAccount[], key: Uint8Array, kdf: BackupKdf, options: SealOptions): Promise<Uint8Array> {
  if (key.length !== 32) throw new TwostepError('internal', 'backup key length');
  const header: BackupHeader = { version: BACKUP_VERSION, createdAt: new Date(options.now).toISOString(), kdf, iv: options.random(12), keyCheck: await keyCheck(key) };
  const aesKey = await subtle().importKey('raw', buffer(key), 'AES-GCM', false, ['encrypt']);
  const sealed = await subtle().encrypt({ name: 'AES-GCM', iv: buffer(header.iv), additionalData: buffer(headerAad(header)), tagLength: 128 }, aesKey, buffer(encodePayload(accounts)));
  return writeBackupFile(header, new Uint8Array(sealed));
}

/** Derives a key from `password` (fresh salt unless `kdf` is given) and seals; about a second of Argon2id. */
export async function sealBackup(accounts: readonly BackupAccount[], password: string, options: SealOptions & { kdf?: BackupKdf; argon2?: Argon2 }): Promise<Uint8Array> {
  const kdf = options.kdf ?? newBackupKdf(options.random);
  const key = await deriveBackupKey(password, kdf, options.argon2);
  return sealBackupWithKey(accounts, key, kdf, options);
}

/** Parses the file's JSON text; a cut or garbled file is `backup_damaged`. */
export function parseBackupBytes(bytes: Uint8Array): ReturnType<typeof parseBackupFile> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new TwostepError(looksLikeBackup(new TextDecoder().decode(bytes.subarray(0, 64))) ? 'backup_damaged' : 'import_unknown_format', 'json');
  }
  return parseBackupFile(json);
}

/**
 * Decrypts a parsed file with its key: `wrong_password` when the key check differs, `backup_damaged`
 * when the key is right but the header or ciphertext was changed (the GCM tag fails).
 */
export async function decryptBackup(file: ReturnType<typeof parseBackupFile>, key: Uint8Array): Promise<unknown[]> {
  if (!equal(await keyCheck(key), file.header.keyCheck)) throw new TwostepError('wrong_password');
  const aesKey = await subtle().importKey('raw', buffer(key), 'AES-GCM', false, ['decrypt']);
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: buffer(file.header.iv), additionalData: buffer(headerAad(file.header)), tagLength: 128 }, aesKey, buffer(file.data));
  } catch {
    throw new TwostepError('backup_damaged', 'authentication');
  }
  return decodePayload(new Uint8Array(plain));
}

/**
 * Opens a backup file with its password. Every entry is validated like a typed account; an invalid
 * one (which Twostep never writes) rejects with its field's code rather than being dropped.
 * Rejects with `wrong_password`, `backup_damaged`, `backup_newer` or `import_kdf_too_costly`.
 */
export async function openBackup(bytes: Uint8Array, password: string, options: { argon2?: Argon2 } = {}): Promise<OpenedBackup> {
  const file = parseBackupBytes(bytes);
  const key = await deriveBackupKey(password, file.header.kdf, options.argon2 ?? wasmArgon2);
  const entries = await decryptBackup(file, key);
  return { createdAt: file.header.createdAt, accounts: entries.map(parseBackupAccount) };
}
