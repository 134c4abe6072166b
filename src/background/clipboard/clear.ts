/**
 * Clearing a copied code from the clipboard later. The popup closes right after a copy, so the worker
 * keeps the code (in `storage.session`, never on disk, never logged) until the delay is over, then asks
 * an offscreen document, the one place a worker can reach the clipboard, to read it and clear it only
 * if it still holds that code: what the user copied since is left alone.
 */
import browser from 'webextension-polyfill';
import { CLIPBOARD_GRANT } from '../../shared/site-access';
import { OFFSCREEN_PATH, type OffscreenRequest } from '../../shared/offscreen';
import { FIREFOX } from '../../shared/target';
import { clearHereIf } from './in-page';

export const CLIPBOARD_ALARM = 'twostep-clipboard';
const ITEM = 'clipboardPending';

interface Pending {
  code: string;
  /** Epoch ms when it is due. */
  at: number;
}

export interface ClipboardPort {
  /** Clears `code` from the clipboard after `seconds`, if it is still there then. */
  schedule(code: string, seconds: number, now: number): Promise<void>;
}

export const chromeClipboardPort: ClipboardPort = {
  async schedule(code, seconds, now) {
    // Without the permissions the clipboard cannot be read, and a blind clear could wipe the user's own copy.
    if (!(await browser.permissions.contains(CLIPBOARD_GRANT))) return;
    const at = now + seconds * 1000;
    await browser.storage.session.set({ [ITEM]: { code, at } satisfies Pending });
    // An alarm outlives a stopped worker (unpacked test builds may set delays under Chrome's 30 s minimum).
    await browser.alarms.create(CLIPBOARD_ALARM, { when: at });
  },
};

type Offscreen = {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
};
const offscreen = (): Offscreen => (globalThis as unknown as { chrome: { offscreen: Offscreen } }).chrome.offscreen;

/** On the alarm: takes the waiting code out of storage first, so it is gone whatever happens next. */
export async function clearDueCode(now: number): Promise<void> {
  const pending = (await browser.storage.session.get(ITEM))[ITEM] as Partial<Pending> | undefined;
  await browser.storage.session.remove(ITEM);
  if (typeof pending?.code !== 'string' || typeof pending.at !== 'number') return;
  // Late by more than a minute (the browser slept): the code is long dead, and the clipboard may well be the user's now.
  if (now - pending.at > 60_000 || !(await browser.permissions.contains(CLIPBOARD_GRANT))) return;
  if (FIREFOX) {
    await clearHereIf(pending.code);
    return;
  }
  const api = offscreen();
  if (!(await api.hasDocument?.())) {
    await api.createDocument({ url: OFFSCREEN_PATH, reasons: ['CLIPBOARD'], justification: 'Clear a copied sign-in code from the clipboard.' });
  }
  try {
    const request: OffscreenRequest = { twostepOffscreen: 1, clearIf: pending.code };
    await browser.runtime.sendMessage(request);
  } finally {
    await api.closeDocument().catch(() => undefined);
  }
}
