/**
 * The memory-hard KDF that turns a PIN or passphrase into a key-wrapping key: Argon2id (RFC 9106)
 * from hash-wasm, a maintained WebAssembly build of the reference algorithm.
 */
import { argon2id } from 'hash-wasm';
import type { Argon2idParams } from './format';
import type { RandomBytes } from './crypto';

/**
 * Defaults: 64 MiB and 3 passes, RFC 9106 §4's second recommended option ("if much less memory is
 * available"), one lane because the WebAssembly build runs on one thread anyway.
 */
export const DEFAULT_KDF = { memoryKiB: 64 * 1024, passes: 3, parallelism: 1 } as const;

/** Minimums a stored slot must meet: a header edited to weaken the KDF is refused, not obeyed. */
export const MIN_KDF = { memoryKiB: 64 * 1024, passes: 3, parallelism: 1 } as const;

/**
 * Maximums a stored slot may ask for: four times today's memory and passes, room for a later version to
 * raise them. An edited header asking for gigabytes would otherwise make every unlock fail or hang the
 * worker (hash-wasm allocates the whole memory in WebAssembly, at most 4 GiB).
 */
export const MAX_KDF = { memoryKiB: 256 * 1024, passes: 12, parallelism: 4 } as const;

/** Whether stored parameters are ones we would have written: inside [MIN_KDF, MAX_KDF], 16–64 bytes of salt. */
export function kdfWithinBounds(kdf: Argon2idParams): boolean {
  const inRange = (v: unknown, min: number, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
  return (
    kdf.name === 'argon2id' &&
    kdf.salt instanceof Uint8Array &&
    kdf.salt.length >= 16 &&
    kdf.salt.length <= 64 &&
    inRange(kdf.memoryKiB, MIN_KDF.memoryKiB, MAX_KDF.memoryKiB) &&
    inRange(kdf.passes, MIN_KDF.passes, MAX_KDF.passes) &&
    inRange(kdf.parallelism, MIN_KDF.parallelism, MAX_KDF.parallelism)
  );
}

/** Fresh parameters with a random 128-bit salt (RFC 9106 §3.1 recommends 16 bytes). */
export function newKdfParams(random: RandomBytes): Argon2idParams {
  return { name: 'argon2id', ...DEFAULT_KDF, salt: random(16) };
}

/** Derives 32 raw bytes with Argon2id. */
export async function argon2idRaw(password: string | Uint8Array, params: Omit<Argon2idParams, 'name'>, hashLength = 32): Promise<Uint8Array> {
  return argon2id({
    password,
    salt: params.salt,
    iterations: params.passes,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength,
    outputType: 'binary',
  });
}

/** Derives the AES-256-GCM key that wraps the vault key in a PIN slot. */
export async function deriveWrappingKey(secret: string, params: Argon2idParams): Promise<CryptoKey> {
  // NFC so the same passphrase typed on another keyboard layout or OS derives the same key.
  const raw = await argon2idRaw(secret.normalize('NFC'), params);
  return globalThis.crypto.subtle.importKey('raw', raw.slice().buffer, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}
