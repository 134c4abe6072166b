/** Which accounts a frame or tab may fill, and whether its page is a look-alike of another site. */
import type { Account } from '../../core/account';
import { accountMatches, findLookalike, type Lookalike } from '../../core/lookalike';

export interface SiteAccounts {
  matching: Account[];
  lookalike: Lookalike | null;
}

/** The accounts bound to `site` (or sharing its sign-in) and, when there are none, any look-alike warning. */
export function accountsForSite(accounts: readonly Account[], site: string | null, pageText: string): SiteAccounts {
  if (site === null) return { matching: [], lookalike: null };
  const matching = accounts.filter((a) => accountMatches(a.sites, site));
  return { matching, lookalike: matching.length > 0 ? null : findLookalike(pageText, site, accounts) };
}
