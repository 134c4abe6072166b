/**
 * What the popup reads from storage itself when it opens, in one round of reads: the worker's codes
 * view (storage.session, trusted contexts only), the idle clock, the vault's protection and the
 * settings. A stopped worker takes 100 ms and more to start; these reads take a few. The reads are
 * started by public/popup-early.js while the page's HTML is parsed (see there); this module turns them
 * into what the first render shows.
 */
import browser from 'webextension-polyfill';
import { restAt, startupPaint, type AccountCodes, type RestStamp, type StartupItems, type StartupPaint } from '../core/codes-view/view';
import type { Settings } from '../shared/protocol';
import { parseSettings } from '../shared/settings';
import { STARTUP_ITEMS } from '../shared/startup-items';

export interface Startup {
  paint: StartupPaint;
  protection: 'pin' | 'passphrase' | null;
  settings: Settings;
}

type Items = Record<string, unknown>;
/** Set by public/popup-early.js; absent if that script did not run (then the reads start here). */
type EarlyGlobal = { twostepEarlyRead?: Promise<[Items, Items]> };

const readNow = (): Promise<[Items, Items]> =>
  Promise.all([
    browser.storage.session.get([STARTUP_ITEMS.codesView, STARTUP_ITEMS.lastUse]),
    browser.storage.local.get([STARTUP_ITEMS.protection, STARTUP_ITEMS.settings]),
  ]);

let startup: Promise<Startup> | null = null;
let known: Startup | null = null;

/** Started from main.tsx before the first render; every hook shares the one read. */
export function readStartup(): Promise<Startup> {
  const early = (globalThis as EarlyGlobal).twostepEarlyRead;
  startup ??= (early ? early.catch(readNow) : readNow()).then(([session, local]) => {
    performance.mark('twostep:storage-read');
    const settings = parseSettings(local[STARTUP_ITEMS.settings]);
    const stored: unknown = local[STARTUP_ITEMS.protection];
    const protection = stored === 'pin' ? 'pin' : stored === 'passphrase' ? 'passphrase' : null;
    const lastUse: unknown = session[STARTUP_ITEMS.lastUse];
    const items: StartupItems = {
      view: session[STARTUP_ITEMS.codesView],
      lastUse: typeof lastUse === 'number' ? lastUse : null,
      protection,
      autoLockMinutes: settings.autoLockMinutes,
    };
    // The time of the read, not of the render: a code is picked for the moment it is shown, and the
    // rows pick the next one themselves should the render come after the period's end.
    known = { paint: startupPaint(items, Date.now()), protection, settings };
    if (known.paint.kind === 'codes') performance.mark('twostep:view-read');
    return known;
  });
  return startup;
}

/**
 * What the read found, once it has resolved (main.tsx renders only then): the hooks start from it, so
 * the first render already shows the codes or the PIN pad. Null before, or if the read failed.
 */
export function knownStartup(): Startup | null {
  return known;
}

/**
 * Whether `accounts` is the stored view's list, which the worker wrote in list order
 * (core/codes-view/build.ts): the cold first render shows it without sorting (a fresh collator is
 * several ms in a new process). True only until `forgetStartup`, that is during the first render.
 */
export function isStartupList(accounts: readonly unknown[]): boolean {
  return known?.paint.kind === 'codes' && known.paint.accounts === accounts;
}

/**
 * The accounts after the first screen's (the stored view holds only those, core/codes-view/view.ts),
 * with their codes at the moment of the read; null when they are gone or of another write (a write
 * or a lock withdrew them meanwhile): the worker's answer then brings the list.
 */
export async function readStartupRest(stamp: RestStamp): Promise<AccountCodes[] | null> {
  const stored = await browser.storage.session.get(STARTUP_ITEMS.codesViewRest);
  return restAt(stamp, stored[STARTUP_ITEMS.codesViewRest], Date.now());
}

/**
 * After the first render has taken what it needs: the read's codes are dropped from this page's
 * memory, so a vault locked while the popup is open leaves none of them here (useAccounts drops its own).
 */
export function forgetStartup(): void {
  known = null;
  startup = null;
  delete (globalThis as EarlyGlobal).twostepEarlyRead;
}
