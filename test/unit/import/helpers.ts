/**
 * Shared pieces of the import tests: a cheap stand-in KDF (so fuzzing encrypted formats stays fast)
 * that counts its calls, the error code of a rejected promise, and encoders that build encrypted test
 * files for formats the shared fixtures have no sample of.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { TwostepError } from '../../../src/core/errors';
import type { ErrorCode } from '../../../src/core/errors';
import type { Kdf } from '../../../src/core/import';

/** SHA-256 of password ‖ salt, stretched to `length`: fast, deterministic, and not the real KDF. */
export function cheapKdf(calls: { count: number } = { count: 0 }): Kdf {
  const derive = (password: Uint8Array, salt: Uint8Array, length: number): Promise<Uint8Array> => {
    calls.count++;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 32) {
      out.set(createHash('sha256').update(password).update(salt).update(String(i)).digest().subarray(0, length - i), i);
    }
    return Promise.resolve(out);
  };
  return {
    pbkdf2: (password, salt, _iterations, _hash, length) => derive(password, salt, length),
    scrypt: (password, salt, _cost, length) => derive(password, salt, length),
    argon2id: (password, salt, _cost, length) => derive(password, salt, length),
  };
}

/**
 * A KDF that remembers what the real one derived, then replays it: fuzzing an encrypted fixture with
 * its real password reaches the parsers behind the decryption while every run stays cheap. Calls
 * it has not seen (a mutated salt or cost) fall back to the cheap KDF.
 */
export function replayKdf(real: Kdf): { record: Kdf; replay: Kdf } {
  const memo = new Map<string, Uint8Array>();
  const cheap = cheapKdf();
  const key = (...parts: unknown[]): string => JSON.stringify(parts, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  const wrap = <A extends unknown[]>(name: keyof Kdf, run: (...args: A) => Promise<Uint8Array>, fallback: (...args: A) => Promise<Uint8Array>) => ({
    record: async (...args: A) => {
      const out = await run(...args);
      memo.set(key(name, ...args), out);
      return out;
    },
    replay: (...args: A) => memo.get(key(name, ...args)) ?? fallback(...args),
  });
  const pbkdf2 = wrap('pbkdf2', (...a: Parameters<Kdf['pbkdf2']>) => real.pbkdf2(...a), (...a: Parameters<Kdf['pbkdf2']>) => cheap.pbkdf2(...a));
  const scrypt = wrap('scrypt', (...a: Parameters<Kdf['scrypt']>) => real.scrypt(...a), (...a: Parameters<Kdf['scrypt']>) => cheap.scrypt(...a));
  const argon2 = wrap('argon2id', (...a: Parameters<Kdf['argon2id']>) => real.argon2id(...a), (...a: Parameters<Kdf['argon2id']>) => cheap.argon2id(...a));
  return {
    record: { pbkdf2: pbkdf2.record, scrypt: scrypt.record, argon2id: argon2.record },
    replay: {
      pbkdf2: (...a) => Promise.resolve(pbkdf2.replay(...a)),
      scrypt: (...a) => Promise.resolve(scrypt.replay(...a)),
      argon2id: (...a) => Promise.resolve(argon2.replay(...a)),
    },
  };
}

/** The TwostepError code a promise rejects with; any other outcome fails the test. */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TwostepError) return error.code;
    throw error;
  }
  throw new Error('expected a TwostepError');
}

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fileOf = (content: string | object): { name: string; bytes: Uint8Array } => ({
  name: 'export',
  bytes: bytesOf(typeof content === 'string' ? content : JSON.stringify(content)),
});

/** CryptoJS.AES.encrypt(text, passphrase).toString(): "Salted__" ‖ salt ‖ AES-256-CBC, key and IV by EVP_BytesToKey(MD5). */
export function cryptoJsEncrypt(text: string, passphrase: string, salt: Buffer = randomBytes(8)): string {
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5').update(block).update(passphrase, 'utf8').update(salt).digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
  return Buffer.concat([Buffer.from('Salted__'), salt, cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

/** Argon2id raw bytes, as argon2-browser and Proton's Rust code compute them. */
export async function argon2(password: string, salt: Uint8Array, t: number, m: number, p: number, length = 32): Promise<Uint8Array> {
  return argon2id({ password, salt, iterations: t, memorySize: m, parallelism: p, hashLength: length, outputType: 'binary' });
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const b64NoPad = (bytes: Uint8Array): string => b64(bytes).replace(/=+$/, '');

/** AES-256-GCM seal: nonce ‖ ciphertext ‖ tag. */
export function gcmSeal(key: Uint8Array, plain: string, aad?: Uint8Array, nonce: Buffer = randomBytes(12)): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad !== undefined) cipher.setAAD(aad);
  return Buffer.concat([nonce, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}
