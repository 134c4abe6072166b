/**
 * The few extension APIs the fill script uses, typed narrowly, and a `call` for the background. No
 * polyfill: the script stays small, and Chrome's and Firefox's `chrome.runtime.sendMessage` both
 * return a promise in MV3.
 */
import type { ArgOf, MethodName, Reply, ResultOf } from '../../shared/protocol';

interface Ext {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: (message: unknown, sender: { id?: string }) => void): void };
  };
  i18n: { getMessage(key: string, substitutions?: string | string[]): string };
  dom?: { openOrClosedShadowRoot(el: HTMLElement): ShadowRoot | null };
}

export const ext = (globalThis as unknown as { chrome: Ext }).chrome;

/** A refusal from the background, by its error code ('forbidden', 'vault_locked', ...). */
export class CallError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export async function call<M extends MethodName>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
  const reply = (await ext.runtime.sendMessage({ twostep: 1, method, arg })) as Reply<ResultOf<M>> | undefined;
  if (typeof reply !== 'object' || reply === null) throw new CallError('internal');
  if (reply.ok) return reply.value;
  throw new CallError(reply.error.code);
}

/** The message `key` in the browser's language; the key itself if it is missing, so a gap shows. */
export function t(key: string, substitutions?: string | string[]): string {
  return ext.i18n.getMessage(key, substitutions) || key;
}

/** Closed shadow roots too (`dom.openOrClosedShadowRoot`), where the browser offers it. */
export function openShadow(el: Element): ShadowRoot | null {
  return el instanceof HTMLElement ? (ext.dom?.openOrClosedShadowRoot(el) ?? null) : null;
}
