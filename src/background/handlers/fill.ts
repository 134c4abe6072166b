/**
 * Autofill. A frame's site is always `fillableSite(sender.origin)`: the frame's own origin as the
 * browser reports it, never the top page's and never anything the message says, and only for https
 * (or plain http on a loopback host). Content scripts learn account names for their own site and
 * receive a code only for an account bound to it; a fill without asking also needs the top page's
 * site (see `mayFillUnasked`). The look-alike check runs for the popup only.
 */
import type { Account } from '../../core/account';
import { TwostepError } from '../../core/errors';
import { fillableSite, siteOf } from '../../core/site';
import type { FillCandidates, TabContext } from '../../shared/protocol';
import { accountsForSite, lookalikeFor, mayFillUnasked } from '../fill/candidates';
import { codeForSite } from '../fill/code';
import { hotpLimiter } from '../fill/hotp-limit';
import type { FillPort } from '../fill/port';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectNull, expectObject } from '../validate';

function portOf(services: Services): FillPort {
  if (!services.fill) throw new TwostepError('internal', 'filling is not wired');
  return services.fill;
}

export const tabContext = (services: Services): Handler<'tab.context'> => ({
  from: ['extension'],
  parse: expectNull,
  async run(): Promise<TabContext> {
    const port = portOf(services);
    const tab = await port.activeTab();
    const site = tab?.url ? siteOf(tab.url) : null;
    if (!tab?.url || site === null || (await services.vault.isLocked())) return { site, pageUrl: null, matching: [], lookalike: null };
    const { accounts } = await services.vault.read();
    const matching = accountsForSite(accounts, fillableSite(tab.url));
    if (matching.length > 0) return { site, pageUrl: tab.url, matching: matching.map((a) => a.id), lookalike: null };
    // Only a tab with no account of its own is read for the look-alike check (one small script in its top frame).
    const text = await port.pageText(tab.id).catch(() => '');
    return { site, pageUrl: null, matching: [], lookalike: lookalikeFor(accounts, site, text) };
  },
});

export const fillInTab = (services: Services): Handler<'fill.inTab'> => ({
  from: ['extension'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }) {
    const port = portOf(services);
    const tab = await port.activeTab();
    if (!tab) return { filled: false, host: null };
    // Each frame asks for the code itself (fill.code), so the site check is made on that frame's origin.
    const outcomes = await port.fillTab(tab.id, id);
    const filled = outcomes.find((o) => o.filled);
    if (filled) return { filled: true, host: filled.host ?? null };
    if (outcomes.some((o) => o.reason === 'locked')) throw new TwostepError('vault_locked');
    if (outcomes.some((o) => o.reason === 'site')) throw new TwostepError('forbidden', 'site');
    return { filled: false, host: null };
  },
});

export const fillCandidates = (services: Services): Handler<'fill.candidates'> => ({
  from: ['content'],
  parse: expectNull,
  async run(_arg, sender): Promise<FillCandidates> {
    const site = fillableSite(sender.origin);
    const none = { site, accounts: [], autoFill: false };
    if (site === null) return { locked: false, ...none };
    if (await services.vault.isLocked()) return { locked: true, ...none };
    const matching = accountsForSite((await services.vault.read()).accounts, site);
    const { autoFill } = await services.settings.get();
    return {
      locked: false,
      site,
      accounts: matching.map(({ id, issuer, name }) => ({ id, issuer, name })),
      autoFill: mayFillUnasked(matching, site, sender, autoFill),
    };
  },
});

export const fillCode = (services: Services): Handler<'fill.code'> => {
  const takeHotp = hotpLimiter({ load: () => portOf(services).hotpUses.load(), save: (v) => portOf(services).hotpUses.save(v) });
  return {
    from: ['content'],
    parse: (arg) => {
      const { id, asked } = expectObject(arg, ['id', 'asked']);
      if (typeof asked !== 'boolean') throw new TwostepError('bad_request', 'asked');
      return { id: expectId(id), asked };
    },
    async run({ id, asked }, sender) {
      const site = fillableSite(sender.origin);
      const autoFill = !asked && (await services.settings.get()).autoFill;
      const rules = {
        check: (_account: unknown, matching: Account[]): void => {
          if (!asked && !mayFillUnasked(matching, site, sender, autoFill)) throw new TwostepError('forbidden');
        },
        takeHotp,
      };
      return { code: await codeForSite(services.vault, id, site, services.now(), rules) };
    },
  };
};

export const fillUnlock = (services: Services): Handler<'fill.unlock'> => ({
  from: ['content'],
  parse: expectNull,
  async run(_arg, sender) {
    if (sender.tabId === null || sender.frameId === null) throw new TwostepError('forbidden');
    // Unlocked meanwhile: nothing to open; the frame asks for its candidates again when this returns.
    if (!(await services.vault.isLocked())) return null;
    await portOf(services).unlockThenFill({ tabId: sender.tabId, frameId: sender.frameId, documentId: sender.documentId });
    return null;
  },
});
