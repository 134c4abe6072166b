/**
 * What the worker may write to the console about a failure: an error code or an error class name.
 * Never a message or an object, which could carry account data, a code or a page's text.
 */
import { TwostepError } from '../core/errors';

/** A loggable, secret-free description of `err`. */
export function describeError(err: unknown): string {
  if (err instanceof TwostepError) return err.code;
  if (err instanceof Error) return err.name;
  return typeof err;
}

/**
 * Runs fire-and-forget work from a listener or at start-up: a failure is logged by code or class name
 * instead of becoming an unhandled rejection (whose report would carry the message).
 */
export function inBackground(what: string, task: () => Promise<unknown>): void {
  void logFailure(what, task);
}

/** The same for work a caller waits for but whose failure must not become its own: resolves either way. */
export function logFailure(what: string, task: () => Promise<unknown>): Promise<void> {
  return new Promise((resolve) => resolve(task())).then(
    () => undefined,
    (err: unknown) => console.error(`twostep: ${what} failed`, describeError(err)),
  );
}
