/**
 * The worker's offscreen document: clears the clipboard (`clipboard.ts`) and decodes QR codes from tab
 * captures (`../shared/qr-capture.ts`, imported at the first scan, so a clipboard clear never loads
 * the decoders). It answers only the worker: content scripts and our own pages reach extension pages
 * with `runtime.sendMessage` too. It never logs what it reads.
 */
import { type ClipboardReply, type DecodeReply, isClipboardRequest, isDecodeRequest } from '../shared/offscreen';
import { clearIf } from './clipboard';

/** An offscreen document gets a few members of `chrome.runtime` (no getManifest), so the polyfill cannot run here. */
interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}
type Reply = (r: ClipboardReply | DecodeReply | { refused: true }) => void;
const { runtime } = (globalThis as unknown as {
  chrome: { runtime: { id: string; onMessage: { addListener(fn: (m: unknown, s: Sender, reply: Reply) => boolean | undefined): void } } };
}).chrome;

/** The worker's script URL, from our own manifest (the popup and the full page share our origin, so the origin is not enough). */
let workerUrl: Promise<string> | null = null;
function worker(): Promise<string> {
  workerUrl ??= fetch('/manifest.json')
    .then((r) => r.json() as Promise<{ background?: { service_worker?: unknown } }>)
    .then(({ background }) => (typeof background?.service_worker === 'string' ? new URL(background.service_worker, `${location.origin}/`).href : ''));
  return workerUrl;
}

async function fromWorker(sender: Sender): Promise<boolean> {
  if (sender.id !== runtime.id || sender.tab !== undefined || sender.url === undefined) return false;
  const expected = await worker();
  return expected !== '' && new URL(sender.url).href === expected;
}

async function answer(message: unknown, sender: Sender): Promise<ClipboardReply | DecodeReply | { refused: true }> {
  if (!(await fromWorker(sender))) return { refused: true };
  if (isClipboardRequest(message)) return { cleared: clearIf(message.clearIf) };
  if (isDecodeRequest(message)) {
    const { capture, rect, devicePixelRatio } = message.decodeQr;
    const { decodeCapture } = await import('../shared/qr-capture');
    return decodeCapture(capture, rect, devicePixelRatio);
  }
  return { refused: true };
}

runtime.onMessage.addListener((message, sender, reply) => {
  // Anything that is not one of our two requests is left to the worker's router (return undefined).
  if (!isClipboardRequest(message) && !isDecodeRequest(message)) return undefined;
  // A failed decode answers with nothing read rather than an error text, which could hold page data.
  answer(message, sender).then(reply, () => reply({ read: null, times: {} }));
  return true;
});
