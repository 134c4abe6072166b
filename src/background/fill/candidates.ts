/** Which accounts a frame or tab may fill, whether it may fill without asking, and look-alike pages. */
import type { Account } from '../../core/account';
import { accountMatches, findLookalike, type Lookalike } from '../../core/lookalike';
import { fillableSite } from '../../core/site';
import type { Sender } from '../router';

/** The accounts bound to `site` (or sharing its sign-in); none for a page that may not be filled. */
export function accountsForSite(accounts: readonly Account[], site: string | null): Account[] {
  return site === null ? [] : accounts.filter((a) => accountMatches(a.sites, site));
}

/**
 * The look-alike warning for the popup (never for a page: what a page is told must not depend on which
 * issuers the user has): the page names an issuer whose accounts belong elsewhere, and none belongs here.
 */
export function lookalikeFor(accounts: readonly Account[], site: string | null, pageText: string): Lookalike | null {
  return findLookalike(pageText, site, accounts);
}

/**
 * True when a frame may be filled without a person asking: the user turned that on, exactly one
 * account belongs here and it is not HOTP (an HOTP code is always a deliberate act), and the frame is
 * the top page or of the top page's site. A page on another site that frames the account's real site
 * (made invisible, auto-submitting) gets nothing. Without the tab's URL (no host access) we cannot
 * tell, so no.
 */
export function mayFillUnasked(matching: readonly Account[], site: string | null, sender: Sender, autoFill: boolean): boolean {
  const [only, ...more] = matching;
  if (!autoFill || site === null || !only || more.length > 0 || only.kind === 'hotp') return false;
  if (sender.frameId === 0) return true;
  return sender.tabUrl !== null && fillableSite(sender.tabUrl) === site;
}
