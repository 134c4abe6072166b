/**
 * QR enrolment (issue 4). The popup starts a scan; the picker in the page sends the box the user
 * clicked; the worker captures the tab, reads the code and keeps the parsed accounts pending (with
 * their secrets, in trusted session storage) while the page shows a preview without secrets; the
 * user's confirmation adds them, bound to the page's site, or to no site when the code was shown by
 * a frame from another site, over plain http, or is a transfer code (see `planEnrolment`).
 */
import type { Account, AccountInput } from '../../core/account';
import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import { planEnrolment } from '../../core/qr/enrolment';
import { siteMatches } from '../../core/site';
import type { PageRect, ScanPreview } from '../../shared/protocol';
import type { Handler, Sender } from '../router';
import type { ScanPort } from '../scan/port';
import type { Services } from '../services';
import { expectNull, expectObject, expectString } from '../validate';

/** A Google Authenticator export holds at most a few hundred accounts; one flag each. */
const MAX_ACCOUNTS = 1000;

function portOf({ scan }: Services): ScanPort {
  if (!scan) throw new TwostepError('internal', 'scanning is not wired up');
  return scan;
}

/** Only the picker in a tab's top frame takes part in a scan. */
function pickerTab(sender: Sender): number {
  if (sender.tabId === null || sender.frameId !== 0) throw new TwostepError('forbidden');
  return sender.tabId;
}

export const scanStart = (services: Services): Handler<'scan.start'> => ({
  from: ['extension'],
  parse: expectNull,
  async run(_arg, sender) {
    const port = portOf(services);
    await port.start(await port.tabUnderPopup(sender.tabId));
    return null;
  },
});

export const scanPick = (services: Services): Handler<'scan.pick'> => ({
  from: ['content'],
  parse(arg) {
    const { rect, devicePixelRatio, foreignFrames } = expectObject(arg, ['rect', 'devicePixelRatio', 'foreignFrames']);
    const dpr = Number(devicePixelRatio);
    if (typeof devicePixelRatio !== 'number' || !(dpr >= 0.1 && dpr <= 16)) throw new TwostepError('bad_request', 'devicePixelRatio');
    const { inBox, inView } = expectObject(foreignFrames, ['inBox', 'inView']);
    if (typeof inBox !== 'boolean' || typeof inView !== 'boolean') throw new TwostepError('bad_request', 'foreignFrames');
    return { rect: rect === null || rect === undefined ? null : parseRect(rect), devicePixelRatio: dpr, foreignFrames: { inBox, inView } };
  },
  async run({ rect, devicePixelRatio, foreignFrames }, sender) {
    const { vault, now } = services;
    const port = portOf(services);
    const tabId = pickerTab(sender);
    await port.clearPending(tabId);
    const { text, region } = await port.read(tabId, rect, devicePixelRatio);
    // The pixels came from wherever the page painted them: inside another site's frame, they are that site's.
    const framed = region === 'crop' && rect !== null ? foreignFrames.inBox : foreignFrames.inView;
    const plan = planEnrolment(text, { origin: sender.origin, framed });
    const { accounts, site, suggestions } = plan;
    await port.savePending(tabId, { origin: sender.origin, site, accounts, mismatch: plan.mismatch !== null, suggestions, at: now() });
    const preview: ScanPreview = {
      accounts: accounts.map(({ kind, issuer, name, algorithm, digits, period }, i) => ({
        kind,
        issuer,
        name,
        algorithm,
        digits,
        period,
        suggestedSite: suggestions[i] ?? null,
      })),
      site,
      unbound: plan.unbound,
      mismatch: plan.mismatch,
      ...(await countDuplicates(vault, accounts, site)),
    };
    return preview;
  },
});

export const scanConfirm = (services: Services): Handler<'scan.confirm'> => ({
  from: ['content'],
  parse(arg) {
    const { issuer, name, trustMismatch, bindSuggested } = expectObject(arg, ['issuer', 'name', 'trustMismatch', 'bindSuggested']);
    const text = (value: unknown, field: string): string | null => (value === null || value === undefined ? null : expectString(value, field, 256));
    if (typeof trustMismatch !== 'boolean') throw new TwostepError('bad_request', 'trustMismatch');
    if (!Array.isArray(bindSuggested) || bindSuggested.length > MAX_ACCOUNTS || !bindSuggested.every((b) => typeof b === 'boolean')) {
      throw new TwostepError('bad_request', 'bindSuggested');
    }
    return { issuer: text(issuer, 'issuer'), name: text(name, 'name'), trustMismatch, bindSuggested };
  },
  async run({ issuer, name, trustMismatch, bindSuggested }, sender) {
    const { vault, now } = services;
    const port = portOf(services);
    const tabId = pickerTab(sender);
    const pending = await port.loadPending(tabId, now());
    // Nothing pending (expired, or the browser restarted): the picker tells the user to scan again;
    // or a lock forgot it, and then "locked" is what the user needs to hear first.
    if (!pending) throw (await vault.isLocked()) ? new TwostepError('vault_locked') : new TwostepError('qr_not_found', 'nothing pending');
    if (pending.origin !== sender.origin) throw new TwostepError('forbidden');
    const [first, ...rest] = pending.accounts;
    if (!first) throw new TwostepError('qr_not_found', 'nothing pending');
    if (rest.length > 0 && (issuer !== null || name !== null)) throw new TwostepError('bad_request', 'a batch cannot be renamed');
    // The preview showed "this code says GitHub, but this page is …": only the user's tick adds it.
    if (pending.mismatch && !trustMismatch) throw new TwostepError('bad_request', 'issuer warning not confirmed');
    if (bindSuggested.length !== pending.accounts.length) throw new TwostepError('bad_request', 'bindSuggested');
    const renamed = rest.length === 0 ? rename(first, issuer, name) : first;
    const sitesOf = (i: number): string[] => {
      const suggested = pending.suggestions[i];
      if (bindSuggested[i] && suggested) return [suggested];
      return pending.site ? [pending.site] : [];
    };
    const { added, duplicates } = await vault.addMany([renamed, ...rest].map((account, i) => ({ ...account, sites: sitesOf(i) })));
    await port.clearPending(tabId);
    return { added: added.length, duplicates, ids: added.map((account) => account.id) };
  },
});

export const scanCancel = (services: Services): Handler<'scan.cancel'> => ({
  from: ['content'],
  parse: expectNull,
  async run(_arg, sender) {
    await portOf(services).clearPending(pickerTab(sender));
    return null;
  },
});

function parseRect(value: unknown): PageRect {
  const { x, y, width, height } = expectObject(value, ['x', 'y', 'width', 'height']);
  const n = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e6) throw new TwostepError('bad_request', 'rect');
    return v;
  };
  const rect = { x: n(x), y: n(y), width: n(width), height: n(height) };
  if (rect.width <= 0 || rect.height <= 0) throw new TwostepError('bad_request', 'rect');
  return rect;
}

/** The edited issuer and name, validated like any account input. */
function rename(account: AccountInput, issuer: string | null, name: string | null): AccountInput {
  return parseAccountInput({ ...account, issuer: issuer ?? account.issuer, name: name ?? account.name });
}

/**
 * How many would be skipped as already stored (or repeated in the batch); 0 while the vault is locked.
 * For one account already stored and bound to this page's site, its id, so the picker can offer to fill
 * the page's code instead of adding it again (issue 12; fill.code checks the site again).
 */
async function countDuplicates(
  vault: Services['vault'],
  accounts: AccountInput[],
  site: string | null,
): Promise<Pick<ScanPreview, 'duplicates' | 'existingId'>> {
  const key = (a: Pick<AccountInput, 'kind' | 'secret'>): string => `${a.kind}:${a.secret}`;
  let all: Account[];
  try {
    all = (await vault.read()).accounts;
  } catch (err) {
    if (err instanceof TwostepError && err.code === 'vault_locked') return { duplicates: 0, existingId: null };
    throw err;
  }
  const stored = new Set(all.map(key));
  let duplicates = 0;
  for (const account of accounts) {
    if (stored.has(key(account))) duplicates++;
    stored.add(key(account));
  }
  const [only] = accounts;
  const existing = accounts.length === 1 && only && site !== null ? all.find((a) => key(a) === key(only) && siteMatches(a.sites, site)) : undefined;
  return { duplicates, existingId: existing?.id ?? null };
}
