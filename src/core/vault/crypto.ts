/**
 * Vault cryptography on WebCrypto (the same API in the worker and in node). Randomness is a
 * parameter so tests can pin it; production passes `crypto.getRandomValues`.
 */
import { TwostepError } from '../errors';
import type { Sealed } from './format';

export type RandomBytes = (length: number) => Uint8Array;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

/** Production randomness: the platform CSPRNG. */
export const platformRandom: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** A random identifier: 128 bits as 32 lower-case hex digits. */
export function randomId(random: RandomBytes): string {
  return Array.from(random(16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Additional data that binds a ciphertext to where it belongs. A record moved to another id, another
 * vault, or reused as a key slot fails authentication instead of decrypting to the wrong thing.
 */
export function boundTo(purpose: 'record' | 'slot', vaultId: string, id: string): Uint8Array {
  return encoder.encode(`twostep/v1/${purpose}\u0000${vaultId}\u0000${id}`);
}

/**
 * Additional data of a format-2 account record: its place (as `boundTo`) and its version, so an older
 * copy of the record written back no longer matches the version the vault summary expects.
 */
export function recordAad(vaultId: string, id: string, version: number): Uint8Array {
  return encoder.encode(`twostep/v2/record\u0000${vaultId}\u0000${id}\u0000${version}`);
}

/** Additional data of the vault summary (./summary.ts): it belongs to this vault and nothing else. */
export function summaryAad(vaultId: string): Uint8Array {
  return encoder.encode(`twostep/v2/summary\u0000${vaultId}`);
}

/** SHA-256 of `bytes` as lower-case hex, truncated to `bytes` bytes (collision resistance ~ half of it). */
export async function sha256Hex(data: Uint8Array, bytes = 32): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', asBuffer(data)));
  return Array.from(digest.subarray(0, bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Imports 32 raw bytes as a non-extractable AES-256-GCM key. */
export async function importVaultKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new TwostepError('vault_corrupted', 'vault key has the wrong length');
  return subtle().importKey('raw', asBuffer(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** A new non-extractable AES-256-GCM key, used as the device slot's wrapping key. */
export async function generateDeviceKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Encrypts with AES-256-GCM under a fresh random IV, authenticating `aad`. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array, random: RandomBytes): Promise<Sealed> {
  const iv = random(12);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv: asBuffer(iv), additionalData: asBuffer(aad), tagLength: 128 },
    key,
    asBuffer(plaintext),
  );
  return { iv, ct: new Uint8Array(ct) };
}

/** Decrypts and authenticates; any tampering, wrong key or wrong `aad` throws 'record_tampered'. */
export async function open(key: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<Uint8Array> {
  if (!(sealed.iv instanceof Uint8Array) || sealed.iv.length !== 12 || !(sealed.ct instanceof Uint8Array)) {
    throw new TwostepError('record_tampered', 'malformed ciphertext');
  }
  try {
    const pt = await subtle().decrypt(
      { name: 'AES-GCM', iv: asBuffer(sealed.iv), additionalData: asBuffer(aad), tagLength: 128 },
      key,
      asBuffer(sealed.ct),
    );
    return new Uint8Array(pt);
  } catch {
    throw new TwostepError('record_tampered');
  }
}

/** Encrypts a JSON value. */
export async function sealJson(key: CryptoKey, value: unknown, aad: Uint8Array, random: RandomBytes): Promise<Sealed> {
  return seal(key, encoder.encode(JSON.stringify(value)), aad, random);
}

/** Decrypts a JSON value; the caller parses the result into a typed value. */
export async function openJson(key: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<unknown> {
  const bytes = await open(key, sealed, aad);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new TwostepError('vault_corrupted', 'record is not JSON');
  }
}

/** Base64 for keeping raw key bytes in `storage.session`, which stores JSON only. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Inverse of `toBase64`. */
export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

// WebCrypto's types want an ArrayBuffer-backed view; copying also detaches us from caller mutation.
function asBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
