/**
 * Every encrypted fixture, cut short and with single bytes changed, opened with its right password:
 * the outcome is a TwostepError, or (for a change in a part the format does not protect, such as a
 * name outside the ciphertext) the whole file's accounts, never a shorter list. The real KDFs run
 * once per file; the variants replay their keys (a changed salt or cost falls back to a cheap KDF).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readImport } from '../../../src/core/import';
import type { ImportResult } from '../../../src/core/import';
import { realKdf } from '../../../src/core/import/kdf';
import { expectedFiles, HAS_IMPORT_FIXTURES, readFixture } from './fixtures';
import { cheapKdf, replayKdf } from './helpers';
import { BUILT } from './fuzz-samples';

const kdfs = replayKdf(realKdf);
const encrypted = expectedFiles().filter((f) => f.password !== undefined);
const intact = new Map<string, ImportResult>();

beforeAll(async () => {
  for (const { file, password } of encrypted) {
    intact.set(file, await readImport({ name: file, bytes: readFixture(file) }, password, { kdf: kdfs.record }));
  }
}, 120_000);

type Outcome = { error: string } | { count: number };
async function outcome(bytes: Uint8Array, password: string | undefined): Promise<Outcome> {
  try {
    const result = await readImport({ name: 'x', bytes }, password, { kdf: kdfs.replay });
    return { count: result.kind === 'accounts' ? result.accounts.length + result.skipped.length : -1 };
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'not an Error' };
  }
}

/** 40 positions spread over the file, first and last byte included. */
const positions = (length: number): number[] => [...new Set(Array.from({ length: 40 }, (_, i) => Math.round((i * (length - 1)) / 39)))];

describe.skipIf(!HAS_IMPORT_FIXTURES)('encrypted fixtures, damaged', () => {
  it.each(encrypted.map((f) => [f.file, f.password] as const))('%s cut short anywhere: a TwostepError', async (file, password) => {
    const bytes = readFixture(file);
    for (const end of positions(bytes.length).filter((p) => p > 0)) {
      const got = await outcome(bytes.subarray(0, end), password);
      // A cut inside trailing whitespace leaves the file whole.
      const whole = new TextDecoder().decode(bytes.subarray(end)).trim() === '';
      expect(got, `cut at ${end}`).toEqual(whole ? { count: countOf(intact.get(file)) } : { error: 'TwostepError' });
    }
  });

  it.each(encrypted.map((f) => [f.file, f.password] as const))('%s with one byte changed: a TwostepError or every entry, never fewer', async (file, password) => {
    const bytes = readFixture(file);
    for (const at of positions(bytes.length)) {
      const changed = bytes.slice();
      changed[at] = (changed[at] ?? 0) ^ 0x04;
      const got = await outcome(changed, password);
      if ('count' in got) expect(got.count, `byte ${at}`).toBe(countOf(intact.get(file)));
      else expect(got.error, `byte ${at}`).toBe('TwostepError');
    }
  });
});

describe('built encrypted files (Bitwarden, Ente Auth, Authenticator extension), damaged', () => {
  const cheap = cheapKdf();
  const open = async (bytes: Uint8Array): Promise<Outcome> =>
    readImport({ name: 'x', bytes }, 'test', { kdf: cheap }).then(
      (result) => ({ count: countOf(result) }),
      (error: unknown) => ({ error: error instanceof Error ? error.name : 'not an Error' }),
    );
  it.each(['bitwarden-encrypted', 'ente-encrypted', 'authenticator-extension'])('%s: cut short or one byte changed', async (id) => {
    const bytes = BUILT[id]?.() ?? new Uint8Array();
    const whole = await open(bytes);
    expect(whole).toMatchObject({ count: expect.any(Number) as number });
    for (const at of positions(bytes.length)) {
      if (at > 0) expect(await open(bytes.subarray(0, at)), `cut at ${at}`).toEqual({ error: 'TwostepError' });
      const changed = bytes.slice();
      changed[at] = (changed[at] ?? 0) ^ 0x04;
      const got = await open(changed);
      if ('count' in got) expect(got, `byte ${at}`).toEqual(whole);
      else expect(got.error, `byte ${at}`).toBe('TwostepError');
    }
  });
});

function countOf(result: ImportResult | undefined): number {
  return result?.kind === 'accounts' ? result.accounts.length + result.skipped.length : -1;
}
