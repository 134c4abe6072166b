/**
 * The account model shared by every context. An `Account` holds a secret and therefore only ever
 * exists in the background worker (and in an edit or export view the user opened on purpose);
 * everything else sees an `AccountMeta`.
 */

export type OtpKind = 'totp' | 'hotp' | 'steam';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const OTP_KINDS: readonly OtpKind[] = ['totp', 'hotp', 'steam'];
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Limits that parsing and validation enforce; Key URI Format allows 6–8 digits, we accept up to 10. */
export const LIMITS = {
  minDigits: 6,
  maxDigits: 10,
  minPeriod: 1,
  maxPeriod: 24 * 60 * 60,
  /** RFC 4226 §4 asks for at least 128 bits, but real services issue 80-bit secrets; reject below that. */
  minSecretBytes: 10,
  maxSecretBytes: 256,
  maxTextLength: 256,
  maxSites: 32,
} as const;

/** Steam Guard codes are always 5 characters, 30 s, HMAC-SHA1. */
export const STEAM = { digits: 5, period: 30, algorithm: 'SHA1' } as const;

/** What a user edits and what a URI or an import describes: everything but storage bookkeeping. */
export interface AccountInput {
  kind: OtpKind;
  issuer: string;
  name: string;
  /** Canonical base32: upper case, no padding, no spaces. */
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  /** Seconds; TOTP and Steam only (HOTP keeps 30 for a stable shape). */
  period: number;
  /** HOTP only: the counter of the next code to show. */
  counter: number;
  /** Registrable domains this account's codes may be filled on. */
  sites: string[];
}

export interface Account extends AccountInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

/** An account without its secret: what the popup and content scripts may see. */
export type AccountMeta = Omit<Account, 'secret'>;

/** Strips the secret. */
export function toMeta(account: Account): AccountMeta {
  const { secret: _secret, ...meta } = account;
  return meta;
}
