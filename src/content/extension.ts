/**
 * What content scripts use of the extension, with no polyfill (the scripts stay small; Chrome's and
 * Firefox's MV3 `chrome.runtime.sendMessage` both return a promise): a typed `call` limited at compile
 * time to the methods a content script may use, translated strings, and closed shadow roots.
 */
import { isErrorCode, TwostepError } from '../core/errors';
import { pluralMessage } from '../shared/plural';
import { unsupportedAlgorithmName } from '../core/error-detail';
import type { ArgOf, Envelope, MethodName, ResultOf, SendersOf } from '../shared/protocol';

interface Ext {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: (message: unknown, sender: { id?: string }) => void): void };
  };
  i18n: { getMessage(key: string, substitutions?: string | string[]): string; getUILanguage(): string };
  dom?: { openOrClosedShadowRoot(el: HTMLElement): ShadowRoot | null };
}

export const ext = (globalThis as unknown as { chrome: Ext }).chrome;

/** The protocol methods a content script may call; the router enforces the same list at run time. */
export type ContentMethod = { [M in MethodName]: 'content' extends SendersOf<M> ? M : never }[MethodName];

/** Calls the background; rejects with a `TwostepError` carrying the background's error code. */
export async function call<M extends ContentMethod>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
  const envelope: Envelope<M> = { twostep: 1, method, arg };
  let reply: unknown;
  try {
    reply = await ext.runtime.sendMessage(envelope);
  } catch {
    // The extension was reloaded or updated under this page: this script can no longer reach it.
    throw new TwostepError('internal', 'extension context gone');
  }
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) throw new TwostepError('internal', 'no reply');
  if (reply.ok === true && 'value' in reply) return reply.value as ResultOf<M>;
  const error = 'error' in reply && typeof reply.error === 'object' && reply.error !== null ? (reply.error as { code?: unknown }) : {};
  throw new TwostepError(isErrorCode(error.code) ? error.code : 'internal');
}

/** The message `key` in the browser's language; the key itself if it is missing, so a gap shows. */
export function t(key: string, substitutions?: string | string[]): string {
  return ext.i18n.getMessage(key, substitutions) || key;
}

/** A count's message in the browser's language (`<key>_one`, `<key>_other`: see shared/plural.ts). */
export function plural(key: string, count: number, substitutions: string[] = []): string {
  return pluralMessage((k, subs) => ext.i18n.getMessage(k, subs), ext.i18n.getUILanguage(), key, count, substitutions);
}

/** The translated `error_<code>` message for a failure. */
export function errorText(err: unknown): string {
  if (err instanceof TwostepError && err.code === 'algorithm_unsupported') {
    const name = unsupportedAlgorithmName(err.detail);
    return ext.i18n.getMessage(name ? 'error_algorithm_named' : 'error_algorithm_unknown', name ?? undefined);
  }
  const key = `error_${err instanceof TwostepError ? err.code : 'internal'}`;
  return ext.i18n.getMessage(key) || ext.i18n.getMessage('error_internal');
}

/**
 * The element's shadow root, open or closed: Chrome's `dom.openOrClosedShadowRoot`, or on Firefox (which
 * has no `dom` namespace) the content-script-only `element.openOrClosedShadowRoot`. Only HTML elements
 * host one, and Chrome's call throws for others.
 */
export function openShadow(el: Element): ShadowRoot | null {
  // Not `instanceof HTMLElement`: an element of a same-origin frame comes from another realm.
  if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return null;
  try {
    if (!ext.dom) return (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? el.shadowRoot;
    return ext.dom.openOrClosedShadowRoot(el as HTMLElement) ?? el.shadowRoot;
  } catch {
    return el.shadowRoot;
  }
}
