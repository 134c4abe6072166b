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
