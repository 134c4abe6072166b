/**
 * The shared import fixtures (../shared/fixtures/import, beside the repository) and what EXPECTED.md
 * says each decodes to, parsed from its tables so the test and the document cannot drift apart.
 * Without the folder, tests skip with a message, except under CI, where they fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccountInput, HashAlgorithm, OtpKind } from '../../../src/core/account';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const IMPORT_DIR = path.resolve(repoRoot, '../shared/fixtures/import');
export const AEGIS_DIR = path.join(IMPORT_DIR, 'aegis');
export const HAS_IMPORT_FIXTURES = existsSync(path.join(IMPORT_DIR, 'EXPECTED.md'));

if (!HAS_IMPORT_FIXTURES) {
  if (process.env.CI) {
    throw new Error(`import fixtures are missing at ${IMPORT_DIR}; CI must have ../shared checked out beside the repository`);
  }
  console.warn(`import tests: ${IMPORT_DIR} is absent, so the fixture tests are skipped (clone shared/ beside the repo).`);
}

export interface ExpectedFile {
  file: string;
  password: string | undefined;
  accounts: AccountInput[];
}

/** Every `### <file>` section of EXPECTED.md that has a decoded table. */
export function expectedFiles(): ExpectedFile[] {
  if (!HAS_IMPORT_FIXTURES) return [];
  const text = readFileSync(path.join(IMPORT_DIR, 'EXPECTED.md'), 'utf8');
  const out: ExpectedFile[] = [];
  for (const section of text.split(/^### /m).slice(1)) {
    const heading = section.split('\n', 1)[0]?.trim() ?? '';
    if (heading.includes('(')) continue; // "plain.txt (WinAuth reading)": another app's reading of the same file
    const password = /password `([^`]*)`/.exec(section)?.[1];
    const rows = section.split('\n').filter((line) => /^\| (totp|hotp|steam) \|/.test(line));
    out.push({ file: heading, password, accounts: rows.map(rowToAccount) });
  }
  return out;
}

/** The eight accounts of EXPECTED.md's "8 Aegis test vectors" table: what every fixture was made from. */
export function vectors(): AccountInput[] {
  if (!HAS_IMPORT_FIXTURES) return [];
  const text = readFileSync(path.join(IMPORT_DIR, 'EXPECTED.md'), 'utf8');
  const head = text.split(/^## Aegis importer fixtures/m)[0] ?? '';
  return head.split('\n').filter((line) => /^\| (totp|hotp|steam) \|/.test(line)).map(rowToAccount);
}

function rowToAccount(row: string): AccountInput {
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  const [kind, issuer, name, secret, algorithm, digits, periodOrCounter] = cells as [OtpKind, string, string, string, HashAlgorithm, string, string];
  const [what, value] = periodOrCounter.split(' ') as ['period' | 'counter', string];
  return {
    kind,
    issuer,
    name,
    secret: secret.replace(/`/g, ''),
    algorithm,
    digits: Number(digits),
    period: what === 'period' ? Number(value) : 30,
    counter: what === 'counter' ? Number(value) : 0,
    sites: [],
  };
}

export function readFixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(AEGIS_DIR, file)));
}
