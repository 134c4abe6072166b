/** The typed client every extension page and content script uses to talk to the background. */
import browser from 'webextension-polyfill';
import { isErrorCode, TwostepError } from '../core/errors';
import type { ArgOf, Envelope, MethodName, Reply, ResultOf } from './protocol';

let held: Promise<void> | null = null;

/**
 * Calls made until `until` settles wait for it. A cold popup that painted its codes from storage holds
 * them until that paint is on screen: the first message wakes a stopped worker, whose start would
 * otherwise compete with the paint for the machine's cores.
 */
export function holdCalls(until: Promise<unknown>): void {
  const gate: Promise<void> = until.then(
    () => undefined,
    () => undefined,
  );
  held = gate;
  void gate.then(() => {
    if (held === gate) held = null;
  });
}

/** Calls a background method; rejects with a `TwostepError` carrying the background's error code. */
export async function call<M extends MethodName>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
  if (held) await held;
  const envelope: Envelope<M> = { twostep: 1, method, arg };
  const reply: unknown = await browser.runtime.sendMessage(envelope);
  if (!isReply(reply)) throw new TwostepError('internal', 'no reply from the background');
  if (reply.ok) return reply.value as ResultOf<M>;
  throw new TwostepError(isErrorCode(reply.error.code) ? reply.error.code : 'internal', reply.error.detail, reply.error.info);
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}
