import { TwostepError } from '../../src/core/errors';

/** The TwostepError thrown by `fn`, or a test failure for any other outcome. */
export function errorOf(fn: () => unknown): TwostepError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TwostepError) return error;
    throw error;
  }
  throw new Error('expected a TwostepError');
}
