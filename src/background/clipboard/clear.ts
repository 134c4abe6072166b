/**
 * Clearing a copied code from the clipboard later. The popup closes right after a copy, so the worker
 * keeps the code (in `storage.session`, never on disk, never logged) until the delay is over, then asks
 * an offscreen document, the one place a worker can reach the clipboard, to read it and clear it only
 * if it still holds that code: what the user copied since is left alone.
 */
import browser from 'webextension-polyfill';
import { CLIPBOARD_GRANT } from '../../shared/site-access';
import type { ClipboardRequest } from '../../shared/offscreen';
import { FIREFOX } from '../../shared/target';
import { withOffscreen } from '../offscreen';
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

/** On the alarm: takes the waiting code out of storage first, so it is gone whatever happens next. */
export async function clearDueCode(now: number): Promise<void> {
  const pending = (await browser.storage.session.get(ITEM))[ITEM] as Partial<Pending> | undefined;
  await browser.storage.session.remove(ITEM);
  if (typeof pending?.code !== 'string' || typeof pending.at !== 'number') return;
  // Late by more than a minute (the browser slept): the code is long dead, and the clipboard may well be the user's now.
  if (now - pending.at > 60_000 || !(await browser.permissions.contains(CLIPBOARD_GRANT))) return;
  if (FIREFOX) {
    // Firefox's event page has a DOM and the clipboard API itself: no offscreen document there.
    await clearHereIf(pending.code);
    return;
  }
  const request: ClipboardRequest = { twostepOffscreen: 1, clearIf: pending.code };
  // Closed as soon as it is done (idle 0): nothing is worth keeping a document open for after a clear.
  await withOffscreen(['CLIPBOARD'], 0, () => browser.runtime.sendMessage(request));
}
