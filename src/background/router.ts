/**
 * The one router. It ignores anything that is not ours, works out who sent the message from the
 * browser's sender record (never from the message), refuses methods the sender may not call,
 * validates the argument, and turns every outcome into a `Reply`, so errors cross as data.
 */
import { TwostepError } from '../core/errors';
import type { ArgOf, MethodName, Reply, ResultOf, SenderKind, SendersOf, WireError } from '../shared/protocol';
import { describeError } from './log';
import { documentKey } from './fill/document-key';

/** The parts of `runtime.MessageSender` the router relies on. */
export interface RawSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  /** The sending document (Chrome 106+): a frame that navigated has a new one. Firefox has none (fill/document-address.ts). */
  documentId?: string;
  /** `url` is present only where the extension has host access (or activeTab) for the tab. */
  tab?: { id?: number; url?: string };
}

export interface Sender {
  kind: SenderKind;
  /** The sending frame's origin as the browser reports it: for a content script, the page's. */
  origin: string;
  tabId: number | null;
  frameId: number | null;
  documentId: string | null;
  /** The tab's top-level URL, when the browser shows it to us (host access or activeTab). */
  tabUrl: string | null;
}

export interface Handler<M extends MethodName> {
  from: ReadonlyArray<SendersOf<M>>;
  /** Turns untrusted input into a typed argument, or throws TwostepError('bad_request' or a field error). */
  parse(arg: unknown): ArgOf<M>;
  run(arg: ArgOf<M>, sender: Sender): Promise<ResultOf<M>>;
}

export type Handlers = { [M in MethodName]: Handler<M> };

/**
 * Who this extension is: its id, and the host of its pages' URLs. On Chrome both are the id; on Firefox
 * the id is the add-on id (`browser_specific_settings.gecko.id`) and pages live at a per-profile UUID
 * (`moz-extension://<uuid>/`). A bare string means both.
 */
export type ExtensionSelf = string | { id: string; host: string };

/** Classifies a sender; null for anything not from this extension. */
export function classifySender(raw: RawSender, self: ExtensionSelf): Sender | null {
  const { id: extensionId, host } = typeof self === 'string' ? { id: self, host: self } : self;
  if (raw.id !== extensionId || typeof raw.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw.url);
  } catch {
    return null;
  }
  const tabId = raw.tab?.id ?? null;
  const frameId = raw.frameId ?? null;
  const documentId = documentKey(raw);
  const tabUrl = typeof raw.tab?.url === 'string' ? raw.tab.url : null;
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:') {
    if (url.host !== host) return null;
    return { kind: 'extension', origin: url.origin, tabId, frameId, documentId, tabUrl };
  }
  // A content script: the origin comes from the browser (sender.origin, else the frame URL).
  if (tabId === null) return null;
  return { kind: 'content', origin: raw.origin ?? url.origin, tabId, frameId, documentId, tabUrl };
}

/** True for messages in our envelope; everything else is left alone. */
export function isEnvelope(message: unknown): message is { twostep: 1; method: string; arg: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { twostep?: unknown }).twostep === 1 &&
    typeof (message as { method?: unknown }).method === 'string'
  );
}

/** What the listener needs from the idle lock (AutoLock). */
export interface IdleCheck {
  /** Locks first if the idle deadline has passed. */
  enforce(): Promise<void>;
  /** Records a use of our own pages. */
  touch(): Promise<void>;
}

/**
 * The `runtime.onMessage` listener. The idle deadline is checked before every call, so a late alarm
 * cannot keep the vault open; if that check fails the call does not run (the deadline may have
 * passed). Only the user's own use of our pages counts as use: a page that keeps asking its content
 * script for candidates must not keep the vault open. Use is recorded after the reply is on its way.
 * The returned promise never rejects: a rejection would reach the sender as an untyped error whose
 * message could carry data, so every failure is a `Reply` and is logged by code or class name only.
 */
export function messageListener(extensionId: ExtensionSelf, handlers: Handlers, idle: IdleCheck) {
  return (message: unknown, raw: RawSender): Promise<Reply<unknown> | undefined> | undefined => {
    if (!isEnvelope(message)) return undefined;
    const fromOurPage = classifySender(raw, extensionId)?.kind === 'extension';
    return (async () => {
      try {
        await idle.enforce();
        return await route(message, raw, extensionId, handlers);
      } catch (err) {
        // The method name is logged only when it is one of ours: the string comes from the sender.
        return failure(err, Object.hasOwn(handlers, message.method) ? message.method : 'unknown');
      } finally {
        if (fromOurPage) idle.touch().catch((err: unknown) => console.error('twostep: recording use failed', describeError(err)));
      }
    })();
  };
}

/** Handles one message. Returns undefined for messages that are not ours, so others may answer. */
export async function route(
  message: unknown,
  raw: RawSender,
  extensionId: ExtensionSelf,
  handlers: Handlers,
): Promise<Reply<unknown> | undefined> {
  if (!isEnvelope(message)) return undefined;
  const sender = classifySender(raw, extensionId);
  if (!sender) return { ok: false, error: { code: 'forbidden' } };
  if (!Object.hasOwn(handlers, message.method)) return { ok: false, error: { code: 'unknown_method' } };
  return dispatch(message.method as MethodName, message.arg, sender, handlers);
}

async function dispatch<M extends MethodName>(method: M, arg: unknown, sender: Sender, handlers: Handlers): Promise<Reply<unknown>> {
  const handler = handlers[method] as Handler<M>;
  if (!(handler.from as readonly SenderKind[]).includes(sender.kind)) return { ok: false, error: { code: 'forbidden' } };
  try {
    const value = await handler.run(handler.parse(arg), sender);
    return { ok: true, value };
  } catch (err) {
    return failure(err, method);
  }
}

/** A failure as a reply: a TwostepError's code and info, anything else as `internal`. */
function failure(err: unknown, method: string): Reply<unknown> {
  if (err instanceof TwostepError) {
    const error: WireError = { code: err.code };
    if (err.detail !== undefined) error.detail = err.detail;
    if (err.info !== undefined) error.info = err.info;
    return { ok: false, error };
  }
  // Unknown failures are reported by name only: a message could carry data we must not leak.
  console.error('twostep: handler failed', method, describeError(err));
  return { ok: false, error: { code: 'internal' } };
}
