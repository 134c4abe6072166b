/**
 * The worker's offscreen document (reason CLIPBOARD): a worker has no clipboard, and this page has no
 * focus, so `navigator.clipboard` refuses here; `execCommand('paste'/'copy')` works with the
 * clipboardRead/clipboardWrite permissions. It answers only the worker, and only "clear if it is still X".
 */
import type { OffscreenReply, OffscreenRequest } from '../shared/offscreen';

/** An offscreen document gets a few members of `chrome.runtime` (no getManifest), so the polyfill cannot run here. */
interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}
const { runtime } = (globalThis as unknown as {
  chrome: {
    runtime: {
      id: string;
      onMessage: { addListener(fn: (m: unknown, s: Sender, reply: (r: OffscreenReply) => void) => boolean | undefined): void };
    };
  };
}).chrome;
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

runtime.onMessage.addListener((message, sender, reply) => {
  // Content scripts reach extension pages with sendMessage too: only our own contexts outside tabs are heard.
  const ours = sender.id === runtime.id && !sender.tab && sender.url !== undefined && new URL(sender.url).origin === location.origin;
  if (!isRequest(message) || !ours) return undefined;
  const held = read();
  const cleared = held === message.clearIf && clear();
  box.value = '';
  reply({ cleared });
  return undefined;
});
