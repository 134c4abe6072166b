/**
 * Autofill (issue 5). A frame's site is always `siteOf(sender.origin)`: the frame's own origin as the
 * browser reports it, never the top page's and never anything the message says. Content scripts learn
 * account names for their own site and receive a code only for an account bound to it.
 */
import { TwostepError } from '../../core/errors';
import { PAGE_TEXT_MAX } from '../../core/lookalike';
import { siteOf } from '../../core/site';
import type { FillCandidates, TabContext } from '../../shared/protocol';
import { accountsForSite } from '../fill/candidates';
import { codeForSite } from '../fill/code';
import type { FillPort } from '../fill/port';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectNull, expectObject } from '../validate';

function portOf(services: Services): FillPort {
  if (!services.fill) throw new TwostepError('internal', 'filling is not wired');
  return services.fill;
}

/** Page text is a hint for the look-alike check only; anything past the limit is ignored. */
function parsePageText(value: unknown): string {
  if (typeof value !== 'string') throw new TwostepError('bad_request', 'pageText');
  return value.slice(0, PAGE_TEXT_MAX);
}

export const tabContext = (services: Services): Handler<'tab.context'> => ({
  from: ['extension'],
  parse: expectNull,
  async run(): Promise<TabContext> {
    const port = portOf(services);
    const tab = await port.activeTab();
    const site = tab?.url ? siteOf(tab.url) : null;
    if (!tab || site === null || (await services.vault.isLocked())) return { site, matching: [], lookalike: null };
    const { accounts } = await services.vault.read();
    const first = accountsForSite(accounts, site, '');
    if (first.matching.length > 0) return { site, matching: first.matching.map((a) => a.id), lookalike: null };
    // Only a tab with no account of its own is read for the look-alike check (one small script in its top frame).
    const text = await port.pageText(tab.id).catch(() => '');
    return { site, matching: [], lookalike: accountsForSite(accounts, site, text).lookalike };
  },
});

export const fillInTab = (services: Services): Handler<'fill.inTab'> => ({
  from: ['extension'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }) {
    const port = portOf(services);
    const tab = await port.activeTab();
    if (!tab) return { filled: false };
    // Each frame asks for the code itself (fill.code), so the site check is made on that frame's origin.
    const outcomes = await port.fillTab(tab.id, id);
    if (outcomes.some((o) => o.filled)) return { filled: true };
    if (outcomes.some((o) => o.reason === 'locked')) throw new TwostepError('vault_locked');
    if (outcomes.some((o) => o.reason === 'site' || o.reason === 'lookalike')) throw new TwostepError('forbidden', 'site');
    return { filled: false };
  },
});

export const fillCandidates = (services: Services): Handler<'fill.candidates'> => ({
  from: ['content'],
  parse: (arg) => ({ pageText: parsePageText(expectObject(arg, ['pageText']).pageText) }),
  async run({ pageText }, sender): Promise<FillCandidates> {
    const site = siteOf(sender.origin);
    const { autoFill } = await services.settings.get();
    const none = { site, accounts: [], lookalike: null, autoFill };
    if (site === null) return { locked: false, ...none };
    if (await services.vault.isLocked()) return { locked: true, ...none };
    const { matching, lookalike } = accountsForSite((await services.vault.read()).accounts, site, pageText);
    return {
      locked: false,
      site,
      accounts: matching.map(({ id, issuer, name }) => ({ id, issuer, name })),
      lookalike,
      autoFill,
    };
  },
});

export const fillCode = (services: Services): Handler<'fill.code'> => ({
  from: ['content'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }, sender) {
    return { code: await codeForSite(services.vault, id, siteOf(sender.origin), services.now()) };
  },
});

export const fillUnlock = (services: Services): Handler<'fill.unlock'> => ({
  from: ['content'],
  parse: expectNull,
  async run(_arg, sender) {
    if (sender.tabId === null || sender.frameId === null) throw new TwostepError('forbidden');
    // Unlocked meanwhile: nothing to open; the frame asks for its candidates again when this returns.
    if (!(await services.vault.isLocked())) return null;
    await portOf(services).unlockThenFill({ tabId: sender.tabId, frameId: sender.frameId });
    return null;
  },
});
