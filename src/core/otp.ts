/**
 * One-time codes: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard. The HMAC and dynamic truncation
 * come from otpauth; this module only chooses counters, turns time into period boundaries and does
 * Steam's alphabet encoding. The clock is a parameter so tests can pin it to the RFC vectors.
 */
import { HOTP, Secret, TOTP } from 'otpauth';
import type { AccountInput } from './account';
import { STEAM } from './account';
import { decodeBase32 } from './base32';
import { TwostepError } from './errors';

/** The codes of one account at one moment. */
export interface CodeWindow {
  code: string;
  /** TOTP/Steam: the code of the following period; null for HOTP. */
  next: string | null;
  /** Epoch ms: start of the current period (TOTP/Steam), or `nowMs` for HOTP. */
  validFrom: number;
  /** Epoch ms: end of the current period (TOTP/Steam); null for HOTP, whose codes do not expire. */
  validUntil: number | null;
}

/** The account fields code generation needs (no names, no sites). */
export type CodeParams = Pick<AccountInput, 'kind' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'>;

/** Steam Guard's 26-symbol alphabet (no vowels or look-alikes), as in Steam's mobile app. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** Computes the current (and for TOTP/Steam, next) code of an account at `nowMs` (epoch ms). */
export function generateCodes(account: CodeParams, nowMs: number): CodeWindow {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) {
    throw new TwostepError('internal', 'time');
  }
  const bytes = decodeBase32(account.secret);
  const secret = new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });

  if (account.kind === 'hotp') {
    // RFC 4226 §7.2: the counter moves only when a code is used, so HOTP codes have no expiry.
    const code = HOTP.generate({ secret, algorithm: account.algorithm, digits: account.digits, counter: account.counter });
    return { code, next: null, validFrom: nowMs, validUntil: null };
  }

  const period = account.kind === 'steam' ? STEAM.period : account.period;
  const periodMs = period * 1000;
  // RFC 6238 §4.2: T = floor((now - T0) / X) with T0 = 0; the window is [T*X, (T+1)*X).
  const validFrom = Math.floor(nowMs / periodMs) * periodMs;
  const validUntil = validFrom + periodMs;

  if (account.kind === 'steam') {
    return {
      code: steamCode(secret, Math.floor(nowMs / periodMs)),
      next: steamCode(secret, Math.floor(validUntil / periodMs)),
      validFrom,
      validUntil,
    };
  }

  const options = { secret, algorithm: account.algorithm, digits: account.digits, period };
  return {
    code: TOTP.generate({ ...options, timestamp: nowMs }),
    next: TOTP.generate({ ...options, timestamp: validUntil }),
    validFrom,
    validUntil,
  };
}

/**
 * TOTP/Steam: the codes of `count` consecutive periods, the first being the one that holds `fromMs`,
 * and that period's start (epoch ms). For a view kept ahead of time (background/codes-view.ts).
 */
export function periodCodes(account: CodeParams, fromMs: number, count: number): { start: number; codes: string[] } {
  if (account.kind === 'hotp') throw new TwostepError('internal', 'hotp has no periods');
  if (!Number.isSafeInteger(fromMs) || fromMs < 0) throw new TwostepError('internal', 'time');
  const bytes = decodeBase32(account.secret);
  const secret = new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  const periodMs = (account.kind === 'steam' ? STEAM.period : account.period) * 1000;
  const first = Math.floor(fromMs / periodMs);
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    codes.push(
      account.kind === 'steam'
        ? steamCode(secret, first + i)
        : HOTP.generate({ secret, algorithm: account.algorithm, digits: account.digits, counter: first + i }),
    );
  }
  return { start: first * periodMs, codes };
}

/**
 * Steam Guard: RFC 6238 with SHA-1 and 30 s, but the 31-bit value from RFC 4226 §5.3 dynamic
 * truncation is written as 5 base-26 symbols, least significant first. With 10 digits otpauth's
 * `% 10^10` leaves that value untouched (2^31 < 10^10), so we read it back instead of redoing HMAC.
 */
function steamCode(secret: Secret, counter: number): string {
  let value = Number(HOTP.generate({ secret, algorithm: STEAM.algorithm, digits: 10, counter }));
  let code = '';
  for (let i = 0; i < STEAM.digits; i++) {
    code += STEAM_ALPHABET.charAt(value % STEAM_ALPHABET.length);
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * Groups a code for reading aloud or copying by eye: 6 → 3+3, 7 → 3+4, 8 → 4+4, 9 → 3+3+3,
 * 10 → 5+5, separated by a space. Steam's 5 symbols and any other length are returned unchanged.
 * Display only: the code that is copied or filled is never grouped.
 */
export function groupCode(code: string): string {
  const groups: Record<number, readonly number[]> = { 6: [3, 3], 7: [3, 4], 8: [4, 4], 9: [3, 3, 3], 10: [5, 5] };
  const sizes = groups[code.length];
  if (sizes === undefined) {
    return code;
  }
  const parts: string[] = [];
  let start = 0;
  for (const size of sizes) {
    parts.push(code.slice(start, start + size));
    start += size;
  }
  return parts.join(' ');
}
