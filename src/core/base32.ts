/**
 * Base32 (RFC 4648 §6) for OTP secrets. Key URI Format secrets are unpadded upper-case base32, but
 * people paste them in lower case, in groups of four separated by spaces, or with `=` padding, so the
 * decoder accepts those and the encoder always writes the one canonical form we store.
 */
import { LIMITS } from './account';
import { TwostepError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Lengths (mod 8) a base32 text can have: every 8 characters hold 5 bytes, and a final partial
 * quantum of 1, 2, 3 or 4 bytes takes 2, 4, 5 or 7 characters (RFC 4648 §6). 1, 3 or 6 leftover
 * characters cannot come from any byte string.
 */
const VALID_TAIL_LENGTHS = new Set([0, 2, 4, 5, 7]);

/** Decodes base32 text, ignoring case, spaces and `=` padding; throws `secret_not_base32` otherwise. */
export function decodeBase32(text: string): Uint8Array {
  const compact = text.replace(/ /g, '').toUpperCase();
  const body = compact.replace(/=+$/, '');
  const padding = compact.length - body.length;
  if (!VALID_TAIL_LENGTHS.has(body.length % 8)) {
    throw new TwostepError('secret_not_base32', 'length');
  }
  // Padding is optional, but when present it must complete the last 8-character quantum exactly.
  if (padding > 0 && padding !== (8 - (body.length % 8)) % 8) {
    throw new TwostepError('secret_not_base32', 'padding');
  }
  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const value = ALPHABET.indexOf(char);
    if (value === -1) {
      throw new TwostepError('secret_not_base32', 'character');
    }
    // Keep at most 12 bits in the accumulator so it never overflows 32-bit bitwise maths.
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  // Leftover bits (under 8) are ignored rather than required to be zero (RFC 4648 §3.5 lets decoders
  // choose): secrets typed from random base32 characters often have them set, and the bytes are what count.
  return out;
}

/** Encodes bytes as canonical base32: upper case, no padding, no spaces. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) {
    out += ALPHABET[(buffer << (5 - bits)) & 31];
  }
  return out;
}

/** Validates a user- or URI-supplied secret and returns it as canonical base32 within LIMITS. */
export function normalizeSecret(text: string): string {
  if (text.replace(/[ =]/g, '') === '') {
    throw new TwostepError('secret_missing');
  }
  const bytes = decodeBase32(text);
  if (bytes.length < LIMITS.minSecretBytes) {
    throw new TwostepError('secret_too_short');
  }
  if (bytes.length > LIMITS.maxSecretBytes) {
    throw new TwostepError('secret_too_long');
  }
  return encodeBase32(bytes);
}
