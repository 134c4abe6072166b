/**
 * The picker's link to the extension without webextension-polyfill (the content script stays small):
 * the typed protocol over `chrome.runtime.sendMessage`, and `chrome.i18n` for its few strings.
 */
import { isErrorCode, TwostepError } from '../../core/errors';
import type { ArgOf, Envelope, MethodName, ResultOf } from '../../shared/protocol';

interface ChromeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  i18n: { getMessage(key: string, substitutions?: string | string[]): string };
  dom?: { openOrClosedShadowRoot(el: Element): ShadowRoot | null };
}

const chrome = (globalThis as unknown as { chrome: ChromeLike }).chrome;

/** The methods the picker calls: the scan ones, and fill.code for "fill the set-up code". The router checks the sender too. */
type ScanMethod = Extract<MethodName, `scan.${string}`> | 'fill.code';

/** Calls the background; rejects with a `TwostepError` carrying its error code. */
export async function call<M extends ScanMethod>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
  const envelope: Envelope<M> = { twostep: 1, method, arg };
  let reply: unknown;
  try {
    reply = await chrome.runtime.sendMessage(envelope);
  } catch {
    // The extension was reloaded or updated under this page: this picker can no longer talk to it.
    throw new TwostepError('internal', 'extension context gone');
  }
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) throw new TwostepError('internal', 'no reply');
  if (reply.ok === true && 'value' in reply) return reply.value as ResultOf<M>;
  const error = 'error' in reply && typeof reply.error === 'object' && reply.error !== null ? (reply.error as { code?: unknown }) : {};
  throw new TwostepError(isErrorCode(error.code) ? error.code : 'internal');
}

/** The message `key` in the browser's language (the key itself if missing, so a gap is visible). */
export function t(key: string, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** The translated `error_<code>` message for a failure. */
export function errorText(err: unknown): string {
  return getMessage(`error_${err instanceof TwostepError ? err.code : 'internal'}`);
}

function getMessage(key: string): string {
  return chrome.i18n.getMessage(key) || chrome.i18n.getMessage('error_internal');
}

/** The element's shadow root, open or closed. Only HTML elements host one (and Chrome's call throws for others). */
export function openShadow(el: Element): ShadowRoot | null {
  if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return null;
  try {
    return chrome.dom?.openOrClosedShadowRoot(el) ?? el.shadowRoot;
  } catch {
    return el.shadowRoot;
  }
}
