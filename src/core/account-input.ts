/**
 * Validation of untrusted account input (a message from the popup, a form, a parsed URI or import)
 * into an `AccountInput`, field by field, each failure with its own error code. Everything that adds
 * or edits an account goes through `parseAccountInput`, so stored accounts are always canonical.
 */
import type { AccountInput, HashAlgorithm, OtpKind } from './account';
import { HASH_ALGORITHMS, LIMITS, OTP_KINDS, STEAM } from './account';
import { normalizeSecret } from './base32';
import type { ErrorCode } from './errors';
import { TwostepError } from './errors';

/** Key URI Format defaults, used when a field is absent. */
const DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

/** A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws) or shown; reject it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A hostname: lower-case letters, digits, dots and hyphens, no empty labels, at most 253 characters. */
const HOSTNAME = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** Validates an untrusted value into a canonical `AccountInput`; throws `TwostepError` on the first bad field. */
export function parseAccountInput(value: unknown): AccountInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TwostepError('bad_request', 'account');
  }
  const raw = value as Record<string, unknown>;
  const kind = parseKind(raw.kind);
  const issuer = parseText(raw.issuer ?? '', 'issuer');
  const name = parseText(raw.name, 'name');
  if (name === '') {
    throw new TwostepError('name_missing');
  }
  if (typeof raw.secret !== 'string') {
    throw new TwostepError(raw.secret === undefined ? 'secret_missing' : 'bad_request', 'secret');
  }
  const secret = normalizeSecret(raw.secret);
  const sites = parseSites(raw.sites ?? []);

  if (kind === 'steam') {
    // Steam Guard has fixed parameters; whatever a form or URI says about them is irrelevant.
    return { kind, issuer, name, secret, algorithm: STEAM.algorithm, digits: STEAM.digits, period: STEAM.period, counter: 0, sites };
  }
  const algorithm = parseAlgorithm(raw.algorithm ?? DEFAULTS.algorithm);
  const digits = parseInteger(raw.digits ?? DEFAULTS.digits, LIMITS.minDigits, LIMITS.maxDigits, 'digits_invalid');
  if (kind === 'hotp') {
    // HOTP has no period and TOTP no counter; fixing the unused field keeps one shape per account,
    // so equal accounts compare equal and URIs round-trip.
    const counter = parseInteger(raw.counter ?? DEFAULTS.counter, 0, Number.MAX_SAFE_INTEGER, 'counter_invalid');
    return { kind, issuer, name, secret, algorithm, digits, period: DEFAULTS.period, counter, sites };
  }
  const period = parseInteger(raw.period ?? DEFAULTS.period, LIMITS.minPeriod, LIMITS.maxPeriod, 'period_invalid');
  return { kind, issuer, name, secret, algorithm, digits, period, counter: 0, sites };
}

/** Parses an OTP type name, case-insensitively; throws `uri_kind_unknown` for anything else. */
export function parseKind(value: unknown): OtpKind {
  const kind = typeof value === 'string' ? value.toLowerCase() : undefined;
  const found = OTP_KINDS.find((k) => k === kind);
  if (found === undefined) {
    throw new TwostepError('uri_kind_unknown', typeof value === 'string' ? value.slice(0, 32) : undefined);
  }
  return found;
}

/**
 * Parses an HMAC algorithm name, case-insensitively. Anything unknown is an error: defaulting it to
 * SHA-1 would produce codes that look right and never work.
 */
export function parseAlgorithm(value: unknown): HashAlgorithm {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  const found = HASH_ALGORITHMS.find((a) => a === upper);
  if (found === undefined) {
    throw new TwostepError('algorithm_unsupported', typeof value === 'string' ? value.slice(0, 32) : undefined);
  }
  return found;
}

/** Accepts an integer, or a string of ASCII digits (what forms and URIs carry), within [min, max]. */
function parseInteger(value: unknown, min: number, max: number, code: ErrorCode): number {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value.trim())) {
    n = Number(value.trim());
  } else {
    throw new TwostepError(code);
  }
  // isSafeInteger also rejects strings whose value lost precision on the way to a double.
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new TwostepError(code);
  }
  return n;
}

function parseText(value: unknown, field: 'issuer' | 'name'): string {
  if (value === undefined && field === 'name') {
    throw new TwostepError('name_missing');
  }
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) {
    throw new TwostepError('bad_request', field);
  }
  const text = value.trim();
  if (text.length > LIMITS.maxTextLength) {
    throw new TwostepError('text_too_long', field);
  }
  return text;
}

function parseSites(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new TwostepError('bad_request', 'sites');
  }
  const sites: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') {
      throw new TwostepError('site_invalid');
    }
    const site = item.trim().toLowerCase();
    if (site.length > 253 || !HOSTNAME.test(site)) {
      throw new TwostepError('site_invalid', site.slice(0, 64));
    }
    if (!sites.includes(site)) {
      sites.push(site);
    }
    // Checked inside the loop so a hostile message with a huge array costs nothing.
    if (sites.length > LIMITS.maxSites) {
      throw new TwostepError('site_invalid', 'too_many');
    }
  }
  return sites;
}
