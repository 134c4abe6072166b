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

/**
 * True when `site` is itself a registrable domain (`github.com`, `alice.github.io`), an IP address or
 * `localhost`: the only values `siteOf` gives a page, so the only ones a page can ever match. A public
 * suffix (`com`, `github.io`) or a subdomain (`www.github.com`) would bind an account to nothing, or
 * mislead the user about where it fills (issue 12).
 */
export function isRegistrableSite(site: string): boolean {
  if (site === 'localhost') return true;
  const parsed = parse(site, { allowPrivateDomains: true });
  if (parsed.isIp) return true;
  return parsed.domain === site && parsed.hostname === site;
}

/** The first of `sites` (as typed, trimmed and lower-cased) that is not a registrable domain, or null. */
export function firstUnregistrableSite(sites: readonly unknown[]): string | null {
  for (const item of sites) {
    const site = typeof item === 'string' ? item.trim().toLowerCase() : String(item);
    if (!isRegistrableSite(site)) return site;
  }
  return null;
}

/** Checks a site a user typed: a bare registrable domain (or IP / localhost), lower case. */
export function normaliseSiteInput(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return null;
  const site = siteOf(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
  return site;
}

/** IPv4 127.0.0.0/8, IPv6 ::1 and `localhost`: hosts that never leave the machine (RFC 6761 §6.3, RFC 5735). */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The site whose accounts may receive codes on a page at `origin`: its registrable domain for https,
 * and for plain http only on a loopback host (local development). Null for anything else: a code sent
 * over plain http to a real host can be read and replayed by anyone on the network path, and an http
 * page on another port of the account's host is not the page the user enrolled on.
 */
export function fillableSite(origin: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:') return siteOf(origin);
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname.toLowerCase())) return siteOf(origin);
  return null;
}
