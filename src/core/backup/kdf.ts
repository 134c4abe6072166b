/**
 * The backup key: Argon2id (RFC 9106) of the password, from hash-wasm (the same WebAssembly build the
 * vault uses). Costs read from a file are checked against the import ceilings before anything runs,
 * so a hostile file cannot make the page or the worker allocate gigabytes.
 */
import { argon2id } from 'hash-wasm';
import { TwostepError } from '../errors';
import type { Argon2Cost } from '../import/kdf';
import { IMPORT_LIMITS } from '../import/limits';
import type { BackupKdf } from './format';

/** An Argon2id implementation (the import layer's `Kdf.argon2id` fits); tests pass a cheap one. */
export type Argon2 = (password: Uint8Array, salt: Uint8Array, cost: Argon2Cost, length: number) => Promise<Uint8Array>;

/** Randomness as a parameter: production passes `crypto.getRandomValues`. */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * What Twostep writes: 64 MiB, 3 passes, 1 lane, the vault's own choice (RFC 9106 §4, second
 * recommended option); about a second in the worker, once per backup or once per automatic-backup key.
 */
export const DEFAULT_BACKUP_KDF = { memoryKiB: 64 * 1024, passes: 3, lanes: 1 } as const;

/** hash-wasm's Argon2id. */
export const wasmArgon2: Argon2 = (password, salt, cost, length) =>
  argon2id({ password, salt, iterations: cost.iterations, memorySize: cost.memoryKiB, parallelism: cost.parallelism, hashLength: length, outputType: 'binary' });

/** Fresh parameters with a random 16-byte salt (RFC 9106 §3.1). */
export function newBackupKdf(random: RandomBytes): BackupKdf {
  return { name: 'argon2id', salt: random(16), ...DEFAULT_BACKUP_KDF };
}

/** Throws `import_kdf_too_costly` when a file asks for more than the import ceilings allow. */
export function checkBackupKdf(kdf: BackupKdf): void {
  const { memoryKiB, passes, lanes } = kdf;
  const ok =
    lanes <= IMPORT_LIMITS.maxArgon2Parallelism &&
    passes <= IMPORT_LIMITS.maxArgon2Iterations &&
    memoryKiB >= 8 * lanes &&
    memoryKiB <= IMPORT_LIMITS.maxArgon2MemoryKiB &&
    memoryKiB * passes <= IMPORT_LIMITS.maxArgon2Work;
  if (!ok) throw new TwostepError('import_kdf_too_costly', `argon2id t=${passes} m=${memoryKiB} p=${lanes}`);
}

/** The password as Argon2 reads it: NFC (the same password typed on another OS gives the same key), UTF-8. */
export const passwordBytes = (password: string): Uint8Array => new TextEncoder().encode(password.normalize('NFC'));

/**
 * Derives the raw 32-byte backup key. The same key and `kdf` may seal many files
 * (`sealBackupWithKey`): each file gets its own random IV, and records this salt and these costs.
 */
export async function deriveBackupKey(password: string, kdf: BackupKdf, argon2: Argon2 = wasmArgon2): Promise<Uint8Array> {
  checkBackupKdf(kdf);
  return argon2(passwordBytes(password), kdf.salt, { iterations: kdf.passes, memoryKiB: kdf.memoryKiB, parallelism: kdf.lanes }, 32);
}
