/**
 * Keeps the codes-only view of the vault (core/codes-view) in `storage.session`, where the popup reads
 * it at once instead of waiting for a stopped worker to start. Written when the accounts change, on
 * unlock, and when its periods run low (an alarm, or a popup that found it low); removed on lock.
 * Session storage is kept to trusted contexts (index.ts), so content scripts cannot read it.
 */
import browser from 'webextension-polyfill';
import { buildCodesView } from '../core/codes-view/build';
import { splitCodesView, VIEW_HEAD_COUNT } from '../core/codes-view/view';
import type { SecretKind } from '../core/pin-policy';
import { STARTUP_ITEMS } from '../shared/startup-items';
import type { Vault } from './vault/vault';

// Read by the popup (popup/startup.ts) under the same names.
const CODES_VIEW_ITEM = STARTUP_ITEMS.codesView;
const REST_ITEM = STARTUP_ITEMS.codesViewRest;
/** Both parts: they are written together in one set and removed together in one call. */
const VIEW_ITEMS = [CODES_VIEW_ITEM, REST_ITEM];
const PROTECTION_ITEM = STARTUP_ITEMS.protection;
export const CODES_VIEW_ALARM = 'twostep-codes-view';

/** Ten minutes of codes: 21 per 30-second account, about 200 KB for 1,000 accounts. */
const HORIZON_MS = 10 * 60_000;
/** Written again once less than this is left, so an open popup never runs past the view's end. */
const REFILL_MS = 3 * 60_000;

export interface CodesViewDeps {
  vault: Vault;
  now: () => number;
}

// Writes and removals run one after another, so a removal (a lock) is never overtaken by a write.
let queue: Promise<unknown> = Promise.resolve();
const serial = (task: () => Promise<void>): Promise<void> => {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
};
/** A write waiting in the queue: later requests share it (it reads the accounts when it starts). */
let waiting: Promise<void> | null = null;
/** This worker's knowledge of the stored view's end: a cache only, null means "look". */
let knownUntil: number | null = null;

/** Writes a fresh view if the vault is open; a lock that lands meanwhile wins (checked again before the write). */
export function writeCodesView({ vault, now }: CodesViewDeps): Promise<void> {
  waiting ??= serial(async () => {
    waiting = null;
    if (await vault.isLocked()) return;
    const { accounts } = await vault.read();
    const view = buildCodesView(accounts, now(), HORIZON_MS);
    if (await vault.isLocked()) return;
    const { head, rest } = splitCodesView(view, VIEW_HEAD_COUNT);
    await browser.storage.session.set({ [CODES_VIEW_ITEM]: head, [REST_ITEM]: rest });
    knownUntil = view.until;
    await browser.alarms.create(CODES_VIEW_ALARM, { when: view.until - REFILL_MS });
  });
  return waiting;
}

let changeTimer: ReturnType<typeof setTimeout> | null = null;
/**
 * After a vault write, before its reply: the stored view is withdrawn at once, since its list is out
 * of date (a deleted or renamed account, an HOTP code just used) and a popup opened now must not paint
 * it; such a popup waits for the worker instead. A fresh view follows for a burst of writes, shortly
 * after the last: accounts added one by one (a thousand of them) would otherwise each recompute every
 * account's codes. A worker stopped before the timer fires leaves no view, and the next popup's
 * request writes one (refreshCodesViewIfLow).
 */
export function codesViewChanged(deps: CodesViewDeps, write: (task: () => Promise<void>) => void): Promise<void> {
  if (changeTimer !== null) clearTimeout(changeTimer);
  changeTimer = setTimeout(() => {
    changeTimer = null;
    write(() => writeCodesView(deps));
  }, 300);
  // In the queue: a write already under way with the old list lands before this removal, not after.
  return serial(async () => {
    knownUntil = null;
    await browser.storage.session.remove(VIEW_ITEMS);
  });
}

/** Removes the view (on lock): nothing of a locked vault stays readable. */
export function clearCodesView(): Promise<void> {
  return serial(async () => {
    knownUntil = null;
    await Promise.all([browser.storage.session.remove(VIEW_ITEMS), browser.alarms.clear(CODES_VIEW_ALARM)]);
  });
}

/** Writes the view when it is missing or has less than REFILL_MS of codes left. */
export async function refreshCodesViewIfLow(deps: CodesViewDeps): Promise<void> {
  if (knownUntil === null) {
    const stored: unknown = (await browser.storage.session.get(CODES_VIEW_ITEM))[CODES_VIEW_ITEM];
    const until = typeof stored === 'object' && stored !== null ? (stored as { until?: unknown }).until : null;
    knownUntil = typeof until === 'number' ? until : 0;
  }
  if (knownUntil - deps.now() < REFILL_MS) await writeCodesView(deps);
}

/**
 * Whether a PIN or passphrase protects the vault, in `storage.local` (not secret): with no view in
 * session storage, the popup shows the unlock screen at once when it says so.
 */
let knownProtection: SecretKind | null | undefined;
export async function publishProtection(kind: SecretKind | null): Promise<void> {
  if (knownProtection === kind) return;
  await browser.storage.local.set({ [PROTECTION_ITEM]: kind });
  knownProtection = kind;
}
