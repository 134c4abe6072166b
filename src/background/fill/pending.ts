/**
 * "Unlock Twostep to fill": the frame that asked waits in `storage.session` (the worker may stop while
 * the user types the PIN) until the vault opens, then gets one message telling it to fill.
 */
import browser from 'webextension-polyfill';
import type { FrameRef } from './port';

const KEY = 'fillPending';
/** An unlock that takes longer than this was not about filling any more. */
const TTL_MS = 5 * 60 * 1000;

interface Pending extends FrameRef {
  at: number;
  windowId: number | null;
}

function parse(value: unknown): Pending | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tabId, frameId, at, windowId } = value as Record<string, unknown>;
  if (typeof tabId !== 'number' || typeof frameId !== 'number' || typeof at !== 'number') return null;
  return { tabId, frameId, at, windowId: typeof windowId === 'number' ? windowId : null };
}

async function load(): Promise<Pending | null> {
  const pending = parse((await browser.storage.session.get(KEY))[KEY]);
  return pending && Date.now() - pending.at < TTL_MS ? pending : null;
}

/** Remembers the frame and shows the unlock window (the one already open, if there is one). */
export async function unlockThenFill(frame: FrameRef): Promise<void> {
  const before = await load();
  let windowId = before?.windowId ?? null;
  const open = windowId !== null && (await browser.windows.get(windowId).then(() => true, () => false));
  if (open && windowId !== null) {
    await browser.windows.update(windowId, { focused: true });
  } else {
    const url = browser.runtime.getURL('src/popup/index.html?window=unlock');
    windowId = (await browser.windows.create({ url, type: 'popup', width: 380, height: 560 })).id ?? null;
  }
  const pending: Pending = { ...frame, at: Date.now(), windowId };
  await browser.storage.session.set({ [KEY]: pending });
}

/** Called after every successful unlock: the waiting frame, if any, is told once. */
export async function afterUnlock(): Promise<void> {
  const pending = await load();
  if (!pending) return;
  await browser.storage.session.remove(KEY);
  await browser.tabs.sendMessage(pending.tabId, { twostep: 1, event: 'unlocked' }, { frameId: pending.frameId }).catch(() => undefined);
}
