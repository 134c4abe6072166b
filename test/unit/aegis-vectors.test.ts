/**
 * The Aegis test vectors (beemdevelopment/Aegis VaultEntries.java), as listed in
 * ../shared/fixtures/import/EXPECTED.md, and Aegis's otpauth URI exports of them: every URI must parse
 * to its vector, and every vector's codes must match an independent RFC 4226 implementation.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { parseAccountInput } from '../../src/core/account-input';
import { decodeBase32 } from '../../src/core/base32';
import { generateCodes } from '../../src/core/otp';
import { formatOtpauthUri, parseOtpauthUri } from '../../src/core/otpauth-uri';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/import/', import.meta.url));
const present = existsSync(`${FIXTURES}EXPECTED.md`);
if (!present) {
  console.warn(`aegis-vectors: skipped, ${FIXTURES} not found (the shared fixtures live next to the repository)`);
}

const read = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** Reads the markdown table under "## The 8 Aegis test vectors" into account inputs. */
function loadVectors(): AccountInput[] {
  const section = read('EXPECTED.md').split('## The 8 Aegis test vectors')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\| (totp|hotp|steam) \|/.test(line));
  return rows.map((row) => {
    const [kind, issuer, name, secret, algorithm, digits, param] = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const [paramName, paramValue] = (param ?? '').split(' ');
    return parseAccountInput({
      kind, issuer, name, secret: secret?.replace(/`/g, ''), algorithm, digits,
      [paramName ?? 'period']: paramValue,
    });
  });
}

/** RFC 4226 §5.3 with node:crypto: the 31-bit truncated value, independent of otpauth. */
function truncated(secret: string, algorithm: string, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(algorithm.toLowerCase(), decodeBase32(secret)).update(message).digest();
  return digest.readUInt32BE((digest.at(-1) ?? 0) & 0xf) & 0x7fffffff;
}

function referenceCode(input: AccountInput, counter: number): string {
  let value = truncated(input.secret, input.algorithm, counter);
  if (input.kind !== 'steam') {
    return String(value % 10 ** input.digits).padStart(input.digits, '0');
  }
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += '23456789BCDFGHJKMNPQRTVWXY'.charAt(value % 26);
    value = Math.floor(value / 26);
  }
  return code;
}

describe.skipIf(!present)('Aegis vectors', () => {
  const vectors = present ? loadVectors() : [];
  const key = (a: AccountInput): string => `${a.kind} ${a.issuer} ${a.name}`;

  it('EXPECTED.md lists the 8 vectors, Steam and Battle.net included', () => {
    expect(vectors).toHaveLength(8);
    expect(vectors.filter((v) => v.kind === 'steam')).toHaveLength(1);
    expect(vectors.map(key)).toContain('totp Battle.net US-2211-2050-3346');
  });

  it.each(['plain.txt', 'ente_auth.txt'])('every URI in aegis/%s parses to its vector', (file) => {
    const lines = read(`aegis/${file}`).split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      const parsed = parseOtpauthUri(line);
      expect(parsed).toEqual(vectors.find((v) => key(v) === key(parsed)));
    }
  });

  it('every vector round-trips through formatOtpauthUri', () => {
    for (const vector of vectors) {
      expect(parseOtpauthUri(formatOtpauthUri(vector))).toEqual(vector);
    }
  });

  const times = [0, 59_000, 1_111_111_109_000, 1_700_000_000_000, 2_000_000_000_000];
  it.each(times)('codes at %i ms match an independent implementation', (now) => {
    for (const vector of vectors) {
      const window = generateCodes(vector, now);
      if (vector.kind === 'hotp') {
        expect(window.code).toBe(referenceCode(vector, vector.counter));
        continue;
      }
      const counter = Math.floor(now / 1000 / vector.period);
      expect(window.code, key(vector)).toBe(referenceCode(vector, counter));
      expect(window.next, key(vector)).toBe(referenceCode(vector, counter + 1));
      expect(window.code).toHaveLength(vector.digits);
    }
  });
});
