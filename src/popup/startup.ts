/**
 * What the popup reads from storage itself when it opens, in one round of reads: the worker's codes
 * view (storage.session, trusted contexts only), the idle clock, the vault's protection and the
 * settings. A stopped worker takes 100 ms and more to start; these reads take a few.
 */
import browser from 'webextension-polyfill';
import { startupPaint, type StartupItems, type StartupPaint } from '../core/codes-view/view';
import type { Settings } from '../shared/protocol';
import { parseSettings } from '../shared/settings';
import { STARTUP_ITEMS } from '../shared/startup-items';

export interface Startup {
  paint: StartupPaint;
  protection: 'pin' | 'passphrase' | null;
  settings: Settings;
}

let startup: Promise<Startup> | null = null;

/** Started from main.tsx before the first render; every hook shares the one read. */
export function readStartup(): Promise<Startup> {
  startup ??= Promise.all([
    browser.storage.session.get([STARTUP_ITEMS.codesView, STARTUP_ITEMS.lastUse]),
    browser.storage.local.get([STARTUP_ITEMS.protection, STARTUP_ITEMS.settings]),
  ]).then(([session, local]) => {
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
    // The time of the read, not of the render: a code is picked for the moment it is shown.
    return { paint: startupPaint(items, Date.now()), protection, settings };
  });
  return startup;
}
