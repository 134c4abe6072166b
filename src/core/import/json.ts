/**
 * Reading untrusted JSON field by field. A container of the wrong shape is a damaged file
 * (`import_malformed`); inside one entry the same error makes that entry a skipped one.
 */
import { TwostepError } from '../errors';

/** A parsed JSON object. */
export type JsonRecord = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value as an object, or `import_malformed` naming `what`. */
export function record(value: unknown, what: string): JsonRecord {
  if (!isRecord(value)) {
    throw new TwostepError('import_malformed', what);
  }
  return value;
}

/** The value as an array, or `import_malformed` naming `what`. */
export function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TwostepError('import_malformed', what);
  }
  return value as unknown[];
}

/** The value as a string, or `import_malformed` naming `what`. */
export function string(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new TwostepError('import_malformed', what);
  }
  return value;
}

/** A string, or undefined for an absent or null field; any other type is malformed. */
export function optString(value: unknown, what: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, what);
}

/** A number, or undefined for an absent or null field; any other type is malformed. */
export function optNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TwostepError('import_malformed', what);
  }
  return value;
}

/**
 * `table[key]` for the table's own keys only: a file's "constructor" or "__proto__" must not find
 * Object.prototype's members.
 */
export function lookup<V>(table: Readonly<Record<string | number, V>>, key: string | number): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Parses JSON text; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
