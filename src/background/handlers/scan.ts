/**
 * QR enrolment (issue 4). The popup starts a scan; the picker in the page sends the box the user
 * clicked; the worker captures the tab, reads the code and keeps the parsed accounts pending (with
 * their secrets, in trusted session storage) while the page shows a preview without secrets; the
 * user's confirmation adds them, bound to the page's site.
 */
import type { AccountInput } from '../../core/account';
import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import { accountsFromQrText } from '../../core/qr/enrolment';
import { siteOf } from '../../core/site';
import type { PageRect, ScanPreview } from '../../shared/protocol';
import type { Handler, Sender } from '../router';
import type { ScanPort } from '../scan/port';
import type { Services } from '../services';
import { expectNull, expectObject, expectString } from '../validate';

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
    const { rect, devicePixelRatio } = expectObject(arg, ['rect', 'devicePixelRatio']);
    const dpr = Number(devicePixelRatio);
    if (typeof devicePixelRatio !== 'number' || !(dpr >= 0.1 && dpr <= 16)) throw new TwostepError('bad_request', 'devicePixelRatio');
    return { rect: rect === null || rect === undefined ? null : parseRect(rect), devicePixelRatio: dpr };
  },
  async run({ rect, devicePixelRatio }, sender) {
    const { vault, now } = services;
    const port = portOf(services);
    const tabId = pickerTab(sender);
    await port.clearPending(tabId);
    const accounts = accountsFromQrText(await port.read(tabId, rect, devicePixelRatio));
    const site = siteOf(sender.origin);
    await port.savePending(tabId, { origin: sender.origin, site, accounts, at: now() });
    const preview: ScanPreview = {
      accounts: accounts.map(({ kind, issuer, name, algorithm, digits, period }) => ({ kind, issuer, name, algorithm, digits, period })),
      site,
      duplicates: await countDuplicates(vault, accounts),
    };
    return preview;
  },
});

export const scanConfirm = (services: Services): Handler<'scan.confirm'> => ({
  from: ['content'],
  parse(arg) {
    const { issuer, name } = expectObject(arg, ['issuer', 'name']);
    const text = (value: unknown, field: string): string | null => (value === null || value === undefined ? null : expectString(value, field, 256));
    return { issuer: text(issuer, 'issuer'), name: text(name, 'name') };
  },
  async run({ issuer, name }, sender) {
    const { vault, now } = services;
    const port = portOf(services);
    const tabId = pickerTab(sender);
    const pending = await port.loadPending(tabId, now());
    // Nothing pending (expired, or the browser restarted): the picker tells the user to scan again.
    if (!pending) throw new TwostepError('qr_not_found', 'nothing pending');
    if (pending.origin !== sender.origin) throw new TwostepError('forbidden');
    const [first, ...rest] = pending.accounts;
    if (!first) throw new TwostepError('qr_not_found', 'nothing pending');
    if (rest.length > 0 && (issuer !== null || name !== null)) throw new TwostepError('bad_request', 'a batch cannot be renamed');
    const renamed = rest.length === 0 ? rename(first, issuer, name) : first;
    const sites = pending.site ? [pending.site] : [];
    const { added, duplicates } = await vault.addMany([renamed, ...rest].map((account) => ({ ...account, sites })));
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

/** How many would be skipped as already stored (or repeated in the batch); 0 while the vault is locked. */
async function countDuplicates(vault: Services['vault'], accounts: AccountInput[]): Promise<number> {
  const key = (a: Pick<AccountInput, 'kind' | 'secret'>): string => `${a.kind}:${a.secret}`;
  let stored: Set<string>;
  try {
    stored = new Set((await vault.read()).accounts.map(key));
  } catch (err) {
    if (err instanceof TwostepError && err.code === 'vault_locked') return 0;
    throw err;
  }
  let duplicates = 0;
  for (const account of accounts) {
    if (stored.has(key(account))) duplicates++;
    stored.add(key(account));
  }
  return duplicates;
}
