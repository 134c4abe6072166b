/**
 * Which site a page belongs to: its registrable domain from the Public Suffix List (tldts), never a
 * substring of the host. `github.com.evil.io` is `evil.io`; `alice.github.io` is not `bob.github.io`
 * (private suffixes count, so one user's pages are not another's).
 */
import { getDomain, parse } from 'tldts';
import { SHARED_SIGN_IN } from './shared-sign-in';

/** The registrable domain of a URL or origin, or null for schemes that are not web pages. */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return null;
  // IP addresses and bare single-label hosts (localhost) have no registrable domain: the host is the site.
  if (parse(host).isIp) return host.replace(/^\[|\]$/g, '');
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** The sites whose sign-in pages may receive codes of an account bound to `site`. */
export function sitesSharingSignIn(site: string): readonly string[] {
  return SHARED_SIGN_IN.find((group) => group.includes(site)) ?? [site];
}

/** True when a frame on `frameSite` may receive codes for an account bound to `accountSites`. */
export function siteMatches(accountSites: readonly string[], frameSite: string): boolean {
  return accountSites.some((site) => sitesSharingSignIn(site).includes(frameSite));
}

/** Checks a site a user typed: a bare registrable domain (or IP / localhost), lower case. */
export function normaliseSiteInput(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return null;
  const site = siteOf(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
  return site;
}

/**
 * The site an account enrolled from, or filled into, `origin` may be bound to: the registrable domain
 * for https, and for plain http only on loopback hosts (127.0.0.0/8, [::1], localhost), where
 * development happens. Null otherwise: a code sent over plain http can be read and changed on the way.
 */
export function fillableSite(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return siteOf(origin);
  if (url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  return loopback ? siteOf(origin) : null;
}
