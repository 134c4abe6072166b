/**
 * The worker's one offscreen document, shared by the clipboard clearing and QR decoding: Chrome allows
 * a single offscreen document per extension, and `createDocument` throws while one exists, so every
 * create and close goes through one lock. The document is closed when no job has used it for a while
 * (right away for the clipboard, after SCAN_IDLE_MS for scans, so a second try does not reload zxing).
 * What lives here is only the lock and a timer: a stopped worker loses nothing a user would miss.
 */
import { OFFSCREEN_PATH } from '../shared/offscreen';

/** Chrome's reasons we use (chrome.offscreen.Reason): the clipboard, and Blobs for decoding a capture. */
export type OffscreenReason = 'CLIPBOARD' | 'BLOBS';

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}
const api = (): OffscreenApi => (globalThis as unknown as { chrome: { offscreen: OffscreenApi } }).chrome.offscreen;

const JUSTIFICATION = 'Clear a copied sign-in code from the clipboard; decode the image of a QR code the user picked on a page.';

let lock: Promise<unknown> = Promise.resolve();
let users = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function serial<T>(step: () => Promise<T>): Promise<T> {
  const next = lock.then(step, step);
  lock = next.catch(() => undefined);
  return next;
}

async function ensure(reasons: OffscreenReason[]): Promise<void> {
  const offscreen = api();
  if (await offscreen.hasDocument?.()) return;
  // A document created for another job serves this one too: its reasons were given when it was made.
  await offscreen.createDocument({ url: OFFSCREEN_PATH, reasons, justification: JUSTIFICATION }).catch((err: unknown) => {
    // Without hasDocument (it came in Chrome 116), a document already open shows up as this error.
    if (!(err instanceof Error && /single offscreen/i.test(err.message))) throw err;
  });
}

/**
 * Runs `job` with the offscreen document open, creating it if needed; when the last job is done the
 * document is closed after `idleMs`, unless another job has started by then.
 */
export async function withOffscreen<T>(reasons: OffscreenReason[], idleMs: number, job: () => Promise<T>): Promise<T> {
  users++;
  clearTimeout(idleTimer);
  try {
    await serial(() => ensure(reasons));
    return await job();
  } finally {
    users--;
    if (users === 0) {
      const close = (): void =>
        void serial(async () => {
          if (users === 0) await api().closeDocument().catch(() => undefined);
        });
      if (idleMs <= 0) close();
      else idleTimer = setTimeout(close, idleMs);
    }
  }
}

/** How long a scan keeps the document (and zxing, compiled) around for the next try; under the worker's 30 s idle stop. */
export const SCAN_IDLE_MS = 20_000;
