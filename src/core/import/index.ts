/**
 * The import layer's one entry point: `readImport` takes a file's bytes (and a password once asked
 * for) and returns the accounts it holds, each validated like a typed one, plus the entries it cannot
 * import with the reason. Detection is by content only; the file name is never consulted.
 */
import { TwostepError } from '../errors';
import { utf8OrUndefined } from './bytes';
import { detectFormat } from './detect';
import type { Kdf } from './kdf';
import { guardKdf, realKdf } from './kdf';
import { parseJson } from './json';
import { IMPORT_LIMITS } from './limits';
import type { ImportFile, ImportResult, ImportSource } from './types';

export type { ImportFile, ImportResult, SkippedEntry } from './types';
export type { Kdf } from './kdf';

/** Options for tests and tools; the page passes none. */
export interface ReadImportOptions {
  /** KDF implementations; tests pass cheap ones. Always used behind the cost ceilings. */
  kdf?: Kdf;
}

/**
 * Reads an export file. Resolves to `{kind: 'password_needed'}` for an encrypted file without a
 * password; rejects with a `TwostepError` only (`wrong_password`, `import_empty`, `import_too_large`,
 * `import_unknown_format`, `import_malformed`, `import_kdf_too_costly`, ...), never a partial result.
 */
export async function readImport(file: ImportFile, password?: string, options: ReadImportOptions = {}): Promise<ImportResult> {
  try {
    return await readImportUnguarded(file, password, options);
  } catch (error) {
    if (error instanceof TwostepError) {
      throw error;
    }
    // A parser bug must not reach the page as a raw exception; the fuzz tests call the unguarded one.
    throw new TwostepError('import_malformed', 'unexpected');
  }
}

/** `readImport` without the last-resort wrapper, so tests see any non-TwostepError a parser throws. */
export async function readImportUnguarded(file: ImportFile, password?: string, options: ReadImportOptions = {}): Promise<ImportResult> {
  const { bytes } = file;
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) {
    throw new TwostepError('import_too_large');
  }
  const decoded = utf8OrUndefined(bytes);
  const text = decoded?.replace(/^\uFEFF/, '');
  if (bytes.length === 0 || text?.trim() === '') {
    throw new TwostepError('import_empty');
  }
  const source: ImportSource = { bytes, text, json: text === undefined ? undefined : parseJson(text) };
  const format = detectFormat(source);
  if (format === undefined) {
    throw new TwostepError('import_unknown_format');
  }
  return format.read(source, { password, kdf: guardKdf(options.kdf ?? realKdf) });
}
