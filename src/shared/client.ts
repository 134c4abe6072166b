/** The typed client every extension page and content script uses to talk to the background. */
import browser from 'webextension-polyfill';
import { isErrorCode, TwostepError } from '../core/errors';
import type { ArgOf, Envelope, MethodName, Reply, ResultOf } from './protocol';

/** Calls a background method; rejects with a `TwostepError` carrying the background's error code. */
export async function call<M extends MethodName>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
  const envelope: Envelope<M> = { twostep: 1, method, arg };
  const reply: unknown = await browser.runtime.sendMessage(envelope);
  if (!isReply(reply)) throw new TwostepError('internal', 'no reply from the background');
  if (reply.ok) return reply.value as ResultOf<M>;
  throw new TwostepError(isErrorCode(reply.error.code) ? reply.error.code : 'internal', reply.error.detail, reply.error.info);
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}
