/**
 * Look-alike pages (issue 5): a page whose title or headings name one of the user's issuers while its
 * domain belongs to none of that issuer's accounts. Such a page gets no code, and the user is told
 * which site the account really belongs to ("This is not github.com").
 */
import { siteMatches, siteOf } from './site';

export interface LookalikeAccount {
  issuer: string;
  sites: readonly string[];
}

export interface Lookalike {
  issuer: string;
  /** The site the named issuer's account is bound to (its first one). */
  site: string;
}

/** Shorter issuers ("X", "Ox") appear as words in ordinary text far too often to mean anything. */
const MIN_ISSUER = 3;
/** Page text beyond this is not read: title, headings and the field's labels fit well within it. */
export const PAGE_TEXT_MAX = 2000;

/**
 * "Google Authenticator" and "Microsoft Authenticator" name an app, not the site asking for its code:
 * sign-in pages everywhere say "open Google Authenticator". Such a mention does not count.
 */
const APP_NAME_AFTER = /^\s*authenticator\b/i;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The registrable domain of a stored site ("login.example.org" is example.org), or the site as stored. */
export function siteKey(site: string): string {
  return siteOf(`https://${site}`) ?? site;
}

/** True when one of the account's sites is, or shares sign-in with, `frameSite`. */
export function accountMatches(sites: readonly string[], frameSite: string): boolean {
  return siteMatches(sites.map(siteKey), frameSite);
}

/** True when `text` names `issuer` as a whole word (case-insensitive), not as the name of an authenticator app. */
export function namesIssuer(text: string, issuer: string): boolean {
  const name = issuer.trim();
  if (name.length < MIN_ISSUER) return false;
  // Whole word in any script: no letter or digit directly before or after the name.
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
  for (const m of text.matchAll(re)) {
    if (!APP_NAME_AFTER.test(text.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/**
 * The look-alike warning for a page on `site` whose text is `pageText`, or null. A page is a
 * look-alike when it names an issuer whose accounts are bound to sites, none of them this one, and no
 * account at all belongs to this site (a page that is some account's own site is that site, whatever
 * else its headings mention).
 */
export function findLookalike(pageText: string, site: string | null, accounts: readonly LookalikeAccount[]): Lookalike | null {
  if (site === null) return null;
  if (accounts.some((a) => accountMatches(a.sites, site))) return null;
  const text = pageText.slice(0, PAGE_TEXT_MAX);
  for (const account of accounts) {
    const first = account.sites[0];
    if (first === undefined || !namesIssuer(text, account.issuer)) continue;
    return { issuer: account.issuer, site: first };
  }
  return null;
}
