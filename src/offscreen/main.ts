/**
 * The worker's offscreen document (reason CLIPBOARD): a worker has no clipboard, and this page has no
 * focus, so `navigator.clipboard` refuses here; `execCommand('paste'/'copy')` works with the
 * clipboardRead/clipboardWrite permissions. It answers only the worker, and only "clear if it is still X".
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { OffscreenReply, OffscreenRequest } from '../shared/offscreen';

const worker = (browser.runtime.getManifest() as { background?: { service_worker?: string } }).background?.service_worker ?? '';
const WORKER_URL = browser.runtime.getURL(worker);
const box = document.getElementById('clip') as HTMLTextAreaElement;

function read(): string | null {
  box.value = '';
  box.focus();
  return document.execCommand('paste') ? box.value : null;
}

function clear(): boolean {
  // An empty selection copies nothing, so the copy event writes the empty text itself.
  const onCopy = (e: ClipboardEvent): void => {
    e.clipboardData?.setData('text/plain', '');
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

function isRequest(m: unknown): m is OffscreenRequest {
  return typeof m === 'object' && m !== null && (m as OffscreenRequest).twostepOffscreen === 1 && typeof (m as OffscreenRequest).clearIf === 'string';
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender): Promise<OffscreenReply> | undefined => {
  // Content scripts reach extension pages with sendMessage too: only the worker (no tab, no page URL of ours) is heard.
  if (!isRequest(message) || sender.id !== browser.runtime.id || sender.tab || sender.url !== WORKER_URL) return undefined;
  const held = read();
  const cleared = held === message.clearIf && clear();
  box.value = '';
  return Promise.resolve({ cleared });
});
