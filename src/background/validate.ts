/** Small validators for message arguments: untrusted input becomes typed values or 'bad_request'. */
import { TwostepError } from '../core/errors';

/** The argument must be null (methods without input). */
export function expectNull(arg: unknown): null {
  if (arg !== null && arg !== undefined) throw new TwostepError('bad_request', 'expected no argument');
  return null;
}

/** The argument must be a plain object with only the listed keys. */
export function expectObject<K extends string>(arg: unknown, keys: readonly K[]): Partial<Record<K, unknown>> {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) throw new TwostepError('bad_request', 'expected an object');
  for (const key of Object.keys(arg)) {
    if (!(keys as readonly string[]).includes(key)) throw new TwostepError('bad_request', `unexpected field ${key}`);
  }
  return arg;
}

/** A string of at most `max` characters. */
export function expectString(value: unknown, field: string, max = 4096): string {
  if (typeof value !== 'string' || value.length > max) throw new TwostepError('bad_request', `${field} must be a string`);
  return value;
}

/** An account id as the vault makes them: 32 lower-case hex digits. */
export function expectId(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{32}$/.test(value)) throw new TwostepError('bad_request', 'bad account id');
  return value;
}
