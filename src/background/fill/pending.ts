/**
 * Filling after an unlock: the frames that asked wait in `storage.session` (the worker may stop while
 * the user types the PIN) until the vault opens, then each gets one message telling it to fill.
 *
 * Each waiting frame is remembered by its document (`sender.documentId`), and the message is addressed
 * to that document only: a frame that navigated meanwhile holds another document, and Chrome delivers
 * nothing to it (a page cannot ask for a code, then swap in another page to receive it).
 *
 * Requests are handled one at a time, and the waiting entry is saved before the window is created:
 * several frames asking at once (the shortcut fills every frame) share one window, and an unlock that
 * completes at once, or a worker stopped just after the window opened, still finds who asked.
 */
import browser from 'webextension-polyfill';
import type { FrameRef } from './port';
import { sendToDocument } from './document-address';

const KEY = 'fillPending';
/** An unlock that takes longer than this was not about filling any more. */
const TTL_MS = 5 * 60 * 1000;
/** Frames remembered at once; a page with more code fields than this is not one a person fills. */
const MAX_FRAMES = 8;

interface Waiting {
  tabId: number;
  frameId: number;
  documentId: string;
}

interface Pending {
  frames: Waiting[];
  at: number;
  windowId: number | null;
}

function parseFrame(value: unknown): Waiting | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tabId, frameId, documentId } = value as Record<string, unknown>;
  if (typeof tabId !== 'number' || typeof frameId !== 'number' || typeof documentId !== 'string') return null;
  return { tabId, frameId, documentId };
}

function parse(value: unknown): Pending | null {
  if (typeof value !== 'object' || value === null) return null;
  const { frames, at, windowId } = value as Record<string, unknown>;
  if (!Array.isArray(frames) || typeof at !== 'number') return null;
  const waiting = frames.map(parseFrame).filter((f): f is Waiting => f !== null);
  return { frames: waiting, at, windowId: typeof windowId === 'number' ? windowId : null };
}

async function load(): Promise<Pending | null> {
  const pending = parse((await browser.storage.session.get(KEY))[KEY]);
  return pending && Date.now() - pending.at < TTL_MS ? pending : null;
}

const save = (pending: Pending): Promise<void> => browser.storage.session.set({ [KEY]: pending });

let queue: Promise<unknown> = Promise.resolve();
/** Runs `task` after every earlier one has finished (in this worker; what must outlive it is in storage). */
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

const windowExists = (id: number): Promise<boolean> => browser.windows.get(id).then(() => true, () => false);

/** Remembers the frame's document and shows the unlock window (the one already open, if there is one). */
export function unlockThenFill(frame: FrameRef): Promise<void> {
  const { tabId, frameId, documentId } = frame;
  // Without a document id the message could reach whatever the frame shows later: not remembered.
  if (documentId === null) return Promise.resolve();
  return serial(async () => {
    const before = await load();
    const others = (before?.frames ?? []).filter((f) => f.documentId !== documentId);
    const frames = [...others, { tabId, frameId, documentId }].slice(-MAX_FRAMES);
    const windowId = before?.windowId ?? null;
    const open = windowId !== null && (await windowExists(windowId));
    await save({ frames, at: Date.now(), windowId: open ? windowId : null });
    if (open) {
      await browser.windows.update(windowId, { focused: true });
      return;
    }
    const url = browser.runtime.getURL('src/popup/index.html?window=unlock');
    const created = await browser.windows.create({ url, type: 'popup', width: 380, height: 560 });
    // Unless an unlock already took the entry, note the window so the next ask focuses it.
    const now = await load();
    if (now) await save({ ...now, windowId: created.id ?? null });
  });
}

/** Called after every successful unlock: each waiting document, if it is still there, is told once. */
export function afterUnlock(): Promise<void> {
  return serial(async () => {
    const pending = await load();
    if (!pending) return;
    await browser.storage.session.remove(KEY);
    const message = { twostep: 1, event: 'unlocked' };
    // Addressed by document: Chrome rejects the send when that document is gone (navigated or closed);
    // on Firefox the frame checks its URL (document-address.ts).
    const send = (f: Waiting) => sendToDocument(f, message).catch(() => undefined);
    await Promise.all(pending.frames.map(send));
  });
}
