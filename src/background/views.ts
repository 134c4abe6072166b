/** What leaves the background about an account: metadata and codes, never the secret. */
import { toMeta, type Account } from '../core/account';
import { generateCodes, type CodeWindow } from '../core/otp';
import type { AccountView } from '../shared/protocol';

/**
 * TOTP and Steam codes computed in this worker's life, for the current period. Two HMACs per account
 * add up with a thousand accounts; within one period the popup can be opened many times, and the codes
 * do not change. A cache only: a stopped worker simply computes them again, and a lock empties it.
 * HOTP codes are never cached: they follow the counter, not the clock (RFC 4226 §7.2), and one HMAC
 * is cheap, so the view always shows the code of the counter stored now.
 */
const codeCache = new Map<string, CodeWindow>();

/**
 * What the codes depend on, so an edited account never hits a stale entry (the write time is not
 * enough: two writes in one millisecond, or a clock set back, repeat it). The secret is left out so no
 * cache key holds one: an id is random and never reused, and no handler changes an account's secret.
 */
const cacheKey = (a: Account): string => JSON.stringify([a.id, a.kind, a.algorithm, a.digits, a.period]);

function codesFor(account: Account, now: number): CodeWindow {
  if (account.kind === 'hotp') return generateCodes(account, now);
  const key = cacheKey(account);
  const cached = codeCache.get(key);
  if (cached && cached.validUntil !== null && now >= cached.validFrom && now < cached.validUntil) return cached;
  const fresh = generateCodes(account, now);
  codeCache.set(key, fresh);
  return fresh;
}

/** The account as the popup may see it at `now`. */
export function toView(account: Account, now: number): AccountView {
  return { ...toMeta(account), codes: codesFor(account, now) };
}

/** Views for a whole list; also drops cache entries of accounts that are gone or changed. */
export function toViews(accounts: Account[], now: number): AccountView[] {
  if (codeCache.size > accounts.length * 2) {
    const live = new Set(accounts.map(cacheKey));
    for (const key of codeCache.keys()) if (!live.has(key)) codeCache.delete(key);
  }
  return accounts.map((account) => toView(account, now));
}

/** Forgets every computed code: after a lock the worker holds none. */
export function forgetCodes(): void {
  codeCache.clear();
}

/** How many code windows are cached (for tests). */
export function cachedCodeCount(): number {
  return codeCache.size;
}
