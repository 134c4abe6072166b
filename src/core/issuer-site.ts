/**
 * Does the issuer a QR code names fit the site that showed it? A phishing page can show a real
 * service's set-up code (issuer "GitHub" on evil-example.com); the preview warns before anything is
 * added. Conservative on purpose: a whole word of the issuer must be the site's own label (the
 * registrable domain without its public suffix), so "GitHub" does not fit githubsecurity.com. This
 * only decides whether to warn; it never blocks.
 */
import { getDomainWithoutSuffix, parse } from 'tldts';
import { siteMatches, sitesSharingSignIn } from './site';

/** `unknown`: nothing to compare (no issuer, or a site that is an IP address). */
export type IssuerFit = 'fits' | 'mismatch' | 'unknown';

/**
 * Issuers whose name is not their site's label, or whose set-up pages live elsewhere. Small on purpose;
 * each is the service's own sign-in site (AWS signs in at signin.aws.amazon.com; ProtonMail is now
 * proton.me; Twitter is x.com).
 */
const KNOWN_ISSUERS: Readonly<Record<string, string>> = {
  aws: 'amazon.com',
  amazon: 'amazon.com',
  google: 'google.com',
  gmail: 'google.com',
  microsoft: 'microsoft.com',
  github: 'github.com',
  gitlab: 'gitlab.com',
  proton: 'proton.me',
  protonmail: 'proton.me',
  facebook: 'facebook.com',
  meta: 'facebook.com',
  apple: 'apple.com',
  dropbox: 'dropbox.com',
  twitter: 'x.com',
  discord: 'discord.com',
  bitwarden: 'bitwarden.com',
};

/** Lower-case words of letters and digits, accents removed: "Proton AG" → ["proton", "ag"]. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The issuer written as a domain ("accounts.google.com") as its registrable domain, else null. */
function issuerAsSite(issuer: string): string | null {
  const text = issuer.trim().toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text)) return null;
  const info = parse(text, { allowPrivateDomains: true });
  return info.domain !== null && (info.isIcann === true || info.isPrivate === true) ? info.domain : null;
}

/** The site a well-known issuer signs in on (the whole issuer, or one of its words), else null. */
export function knownIssuerSite(issuer: string): string | null {
  const words = wordsOf(issuer);
  const whole = words.join('');
  return KNOWN_ISSUERS[whole] ?? words.map((w) => KNOWN_ISSUERS[w]).find((s) => s !== undefined) ?? null;
}

/** The labels of `site` and of the sites sharing its sign-in, hyphens dropped; null for an IP address. */
function labelsOf(site: string): string[] | null {
  if (parse(site).isIp) return null;
  return sitesSharingSignIn(site).map((s) => (s.includes('.') ? (getDomainWithoutSuffix(s, { allowPrivateDomains: true }) ?? s) : s).replace(/-/g, ''));
}

/** Whether `issuer` fits `site` (a registrable domain, localhost, or an IP address). */
export function issuerFit(issuer: string, site: string): IssuerFit {
  const words = wordsOf(issuer);
  const labels = labelsOf(site);
  if (words.length === 0 || labels === null) return 'unknown';
  const claimed = issuerAsSite(issuer) ?? knownIssuerSite(issuer);
  if (claimed !== null && siteMatches([claimed], site)) return 'fits';
  const whole = words.join('');
  return labels.some((label) => label === whole || words.includes(label)) ? 'fits' : 'mismatch';
}

/**
 * The site to suggest for an account whose QR code did not come from its own site (a transfer code):
 * the issuer's known or written-out site, else the page's site when the issuer fits it, else none.
 */
export function suggestedSite(issuer: string, pageSite: string | null): string | null {
  const claimed = issuerAsSite(issuer) ?? knownIssuerSite(issuer);
  if (claimed !== null) return claimed;
  return pageSite !== null && issuerFit(issuer, pageSite) === 'fits' ? pageSite : null;
}
