/**
 * Byte and text encodings that export files use: UTF-8, base64 (standard and URL-safe), hex, and
 * Java's signed byte arrays. Every decoder is strict and throws `import_malformed` (or the code the
 * caller names), so a damaged field never turns into different bytes.
 */
import type { ErrorCode } from '../errors';
import { TwostepError } from '../errors';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Strict UTF-8 decoding; undefined when the bytes are not UTF-8. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Strict UTF-8 decoding; throws `code` when the bytes are not UTF-8. */
export function utf8(bytes: Uint8Array, code: ErrorCode = 'import_malformed'): string {
  const text = utf8OrUndefined(bytes);
  if (text === undefined) {
    throw new TwostepError(code, 'not UTF-8');
  }
  return text;
}

/** UTF-8 bytes of a string (passwords are hashed as UTF-8 by every format here). */
export const utf8Bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Base64 (RFC 4648 §4, or §5 URL-safe), padding optional, no whitespace inside. */
export function base64(text: string, code: ErrorCode = 'import_malformed'): Uint8Array {
  const clean = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/={0,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) {
    throw new TwostepError(code, 'base64');
  }
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    buffer = ((buffer << 6) | BASE64.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/** Base64 without padding, as the PHC string format writes an Argon2 hash. */
export function toBase64NoPad(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) {
      out += BASE64[(n >>> (18 - 6 * c)) & 63];
    }
  }
  return out;
}

/** Hex, either case, even length. */
export function hex(text: string, code: ErrorCode = 'import_malformed'): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) {
    throw new TwostepError(code, 'hex');
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}

/** A Java `byte[]` written as JSON numbers from -128 to 127 (FreeOTP). */
export function signedBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value) || value.length > 1024) {
    throw new TwostepError('import_malformed', 'byte array');
  }
  return Uint8Array.from(value, (b: unknown) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 127) {
      throw new TwostepError('import_malformed', 'byte array');
    }
    return b & 0xff;
  });
}

/** True when `bytes` begins with `prefix` (bytes, or a string's UTF-8 bytes). */
export function startsWith(bytes: Uint8Array, prefix: Uint8Array | string): boolean {
  const p = typeof prefix === 'string' ? utf8Bytes(prefix) : prefix;
  return bytes.length >= p.length && p.every((b, i) => bytes[i] === b);
}

/** The parts joined into one array. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A copy in a fresh ArrayBuffer, the type WebCrypto's BufferSource wants. */
export function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
