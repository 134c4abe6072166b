/** What leaves the background about an account: metadata and codes, never the secret. */
import { toMeta, type Account } from '../core/account';
import { generateCodes, type CodeWindow } from '../core/otp';
import type { AccountView } from '../shared/protocol';

/**
 * Codes computed in this worker's life, by account version. Two HMACs per account add up with a
 * thousand accounts; within one period the popup can be opened many times, and the codes do not
 * change. A cache only: a stopped worker simply computes them again.
 */
const codeCache = new Map<string, CodeWindow>();

function codesFor(account: Account, now: number): CodeWindow {
  // updatedAt changes on every write (an HOTP advance too), so an edited account never hits a stale entry.
  const key = `${account.id}:${account.updatedAt}`;
  const cached = codeCache.get(key);
  if (cached && cached.validUntil !== null && now >= cached.validFrom && now < cached.validUntil) return cached;
  if (cached && cached.validUntil === null) return cached;
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
    const live = new Set(accounts.map((a) => `${a.id}:${a.updatedAt}`));
    for (const key of codeCache.keys()) if (!live.has(key)) codeCache.delete(key);
  }
  return accounts.map((account) => toView(account, now));
}
