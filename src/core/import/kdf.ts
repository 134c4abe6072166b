/**
 * Key derivation for encrypted exports. Formats call these through `guardKdf`, which checks every
 * cost a file can choose against IMPORT_LIMITS before the KDF runs, so a hostile file cannot ask for
 * gigabytes of memory or a billion iterations. Tests inject a cheap `Kdf` behind the same guard.
 */
import { argon2id, scrypt } from './hash-wasm';
import { TwostepError } from '../errors';
import { IMPORT_LIMITS } from './limits';
import { toBuffer } from './bytes';

/** PBKDF2's HMAC hash, by WebCrypto name. */
export type Pbkdf2Hash = 'SHA-1' | 'SHA-256' | 'SHA-512';
/** scrypt's cost parameters (RFC 7914 §2). */
export interface ScryptCost {
  n: number;
  r: number;
  p: number;
}
/** Argon2id's cost parameters (RFC 9106 §3.1); memory in KiB. */
export interface Argon2Cost {
  iterations: number;
  memoryKiB: number;
  parallelism: number;
}

/** The KDFs formats need; each returns `length` raw bytes. */
export interface Kdf {
  pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: Pbkdf2Hash, length: number): Promise<Uint8Array>;
  scrypt(password: Uint8Array, salt: Uint8Array, cost: ScryptCost, length: number): Promise<Uint8Array>;
  argon2id(password: Uint8Array, salt: Uint8Array, cost: Argon2Cost, length: number): Promise<Uint8Array>;
}

/** The real KDFs: PBKDF2 from WebCrypto, scrypt and Argon2id from hash-wasm (WebAssembly). */
export const realKdf: Kdf = {
  async pbkdf2(password, salt, iterations, hash, length) {
    const key = await globalThis.crypto.subtle.importKey('raw', toBuffer(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', salt: toBuffer(salt), iterations, hash }, key, length * 8);
    return new Uint8Array(bits);
  },
  scrypt(password, salt, cost, length) {
    return scrypt({ password, salt, costFactor: cost.n, blockSize: cost.r, parallelism: cost.p, hashLength: length, outputType: 'binary' });
  },
  argon2id(password, salt, cost, length) {
    return argon2id({
      password,
      salt,
      iterations: cost.iterations,
      memorySize: cost.memoryKiB,
      parallelism: cost.parallelism,
      hashLength: length,
      outputType: 'binary',
    });
  },
};

const isInt = (value: number, min: number, max: number): boolean => Number.isSafeInteger(value) && value >= min && value <= max;

/** Wraps a `Kdf` so that every call is checked against the ceilings first (`import_kdf_too_costly`). */
export function guardKdf(kdf: Kdf): Kdf {
  return {
    pbkdf2(password, salt, iterations, hash, length) {
      if (!isInt(iterations, 1, IMPORT_LIMITS.maxPbkdf2Iterations)) {
        return Promise.reject(new TwostepError('import_kdf_too_costly', `pbkdf2 ${iterations}`));
      }
      return kdf.pbkdf2(password, salt, iterations, hash, length);
    },
    scrypt(password, salt, cost, length) {
      const { n, r, p } = cost;
      // scrypt needs 128·N·r bytes and N a power of two above 1 (RFC 7914 §2).
      const ok =
        isInt(n, 2, 2 ** 24) &&
        (n & (n - 1)) === 0 &&
        isInt(r, 1, 64) &&
        isInt(p, 1, IMPORT_LIMITS.maxScryptParallelism) &&
        128 * n * r <= IMPORT_LIMITS.maxScryptMemoryBytes &&
        n * r * p <= IMPORT_LIMITS.maxScryptWork;
      if (!ok) {
        return Promise.reject(new TwostepError('import_kdf_too_costly', `scrypt N=${n} r=${r} p=${p}`));
      }
      return kdf.scrypt(password, salt, cost, length);
    },
    argon2id(password, salt, cost, length) {
      const { iterations, memoryKiB, parallelism } = cost;
      // RFC 9106 §3.1: memory is at least 8·p KiB.
      const ok =
        isInt(iterations, 1, IMPORT_LIMITS.maxArgon2Iterations) &&
        isInt(parallelism, 1, IMPORT_LIMITS.maxArgon2Parallelism) &&
        isInt(memoryKiB, 8 * parallelism, IMPORT_LIMITS.maxArgon2MemoryKiB) &&
        memoryKiB * iterations <= IMPORT_LIMITS.maxArgon2Work;
      if (!ok) {
        return Promise.reject(new TwostepError('import_kdf_too_costly', `argon2id t=${iterations} m=${memoryKiB} p=${parallelism}`));
      }
      if (salt.length < 8) {
        // Argon2 refuses salts under 8 bytes (RFC 9106 §3.1); that is a damaged file, not a cost.
        return Promise.reject(new TwostepError('import_malformed', 'argon2 salt'));
      }
      return kdf.argon2id(password, salt, cost, length);
    },
  };
}
