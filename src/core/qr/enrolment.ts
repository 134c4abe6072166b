/**
 * What a QR code read from a page means for enrolment (issue 4): one account (otpauth://), a batch
 * (Google Authenticator's otpauth-migration://), or something we refuse with a message that helps;
 * and which site the accounts may be bound to, given where the code was shown.
 */
import type { AccountInput } from '../account';
import { TwostepError } from '../errors';
import { issuerFit, suggestedSite } from '../issuer-site';
import { parseMigrationUri } from '../migration/google-auth';
import { parseOtpauthUri } from '../otpauth-uri';
import { fillableSite, siteOf } from '../site';

/**
 * Microsoft's "receive notifications" activation QR holds `phonefactor://activate_account?code=…&url=…`
 * (Microsoft Entra set-up instructions): push sign-in for Microsoft Authenticator only, no OTP secret.
 */
const MICROSOFT_PUSH = /^phonefactor:/i;

const schemeOf = (text: string): string | undefined => /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
const isTransfer = (text: string): boolean => schemeOf(text) === 'otpauth-migration' || /^[\w-]+:\s*otpauth-migration:\/\//i.test(text);

/**
 * Turns the text of a scanned QR code into accounts without sites. Throws `TwostepError`:
 * `qr_microsoft_push` for Microsoft's push activation, `qr_not_authenticator` for any other text that
 * is neither URI, and the URI parsers' own codes for a malformed otpauth or migration URI.
 */
export function accountsFromQrText(text: string): AccountInput[] {
  const trimmed = text.trim();
  if (MICROSOFT_PUSH.test(trimmed)) throw new TwostepError('qr_microsoft_push');
  if (schemeOf(trimmed) === 'otpauth') return [parseOtpauthUri(trimmed)];
  if (isTransfer(trimmed)) return parseMigrationUri(trimmed);
  throw new TwostepError('qr_not_authenticator');
}

/**
 * Why accounts are bound to no site although the page has one: the code was shown inside a frame
 * from another site (`frame`), the page came over plain http (`insecure`), or it is a transfer code
 * from another app, which says nothing about the page that shows it (`transfer`).
 */
export type Unbound = 'frame' | 'insecure' | 'transfer';

export interface EnrolmentPlan {
  accounts: AccountInput[];
  /** The site every account is bound to on confirmation, or null. */
  site: string | null;
  unbound: Unbound | null;
  /** The code names an issuer that does not fit `site`: the preview warns, the user must confirm it. */
  mismatch: { issuer: string; site: string } | null;
  /** Per account, a site the user may tick to bind it to (transfer codes only). */
  suggestions: (string | null)[];
}

/** Where the code was read: the top page's origin, and whether a frame from another site was painted there. */
export interface ScanPlace {
  origin: string;
  framed: boolean;
}

/** The accounts of a scanned code and the site they may be bound to (see `Unbound` for when none). */
export function planEnrolment(text: string, place: ScanPlace): EnrolmentPlan {
  const accounts = accountsFromQrText(text);
  const pageSite = fillableSite(place.origin);
  const none = { accounts, site: null, mismatch: null, suggestions: accounts.map(() => null) };
  if (isTransfer(text.trim())) {
    // A page that is not where the code was shown, or not over https, is not a suggestion either.
    const shownBy = place.framed ? null : pageSite;
    return { ...none, unbound: 'transfer', suggestions: accounts.map((a) => suggestedSite(a.issuer, shownBy)) };
  }
  if (place.framed) return { ...none, unbound: 'frame' };
  if (pageSite === null) return { ...none, unbound: siteOf(place.origin) === null ? null : 'insecure' };
  const misfit = accounts.find((a) => issuerFit(a.issuer, pageSite) === 'mismatch');
  return { ...none, site: pageSite, unbound: null, mismatch: misfit ? { issuer: misfit.issuer, site: pageSite } : null };
}
