/**
 * The shapes the import layer works with: what a caller hands in, what comes back, and what each
 * format module implements. Everything here is pure data; the KDFs are passed in (see kdf.ts) so
 * tests and fuzzers can swap the expensive ones for cheap ones.
 */
import type { AccountInput } from '../account';
import type { ErrorCode } from '../errors';
import type { Kdf } from './kdf';

/** A file as the page read it: its name (shown, never used for detection) and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** An entry of the file that cannot be imported, with why. The label never holds a secret. */
export interface SkippedEntry {
  label: string;
  reason: ErrorCode;
  /** For `algorithm_unsupported`: the algorithm's name when the file gives one, so the list can say which. */
  algorithm?: string;
}

/** What a file holds, or that it needs its password first. */
export type ImportResult =
  | { kind: 'accounts'; format: string; accounts: AccountInput[]; skipped: SkippedEntry[] }
  | { kind: 'password_needed'; format: string };

/** The file, decoded once for every detector: UTF-8 text when it is text, parsed JSON when it is JSON. */
export interface ImportSource {
  bytes: Uint8Array;
  /** The bytes as UTF-8 without a BOM, or undefined when they are not valid UTF-8. */
  text: string | undefined;
  /** The parsed JSON value, or undefined when the text is not JSON. */
  json: unknown;
}

/** What a format's reader gets besides the file. */
export interface ImportContext {
  password: string | undefined;
  /** Cost-checked KDFs: a file's KDF parameters are checked against ceilings before anything runs. */
  kdf: Kdf;
}

/** One file format: a cheap, content-only test and a reader. */
export interface ImportFormat {
  /** Stable identifier, shown in the preview and used in tests ("aegis", "2fas", ...). */
  id: string;
  detect(source: ImportSource): boolean;
  read(source: ImportSource, context: ImportContext): Promise<ImportResult>;
}
