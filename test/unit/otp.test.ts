import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../../src/core/account';
import { encodeBase32 } from '../../src/core/base32';
import { generateCodes, groupCode } from '../../src/core/otp';

const ascii = (text: string): string => encodeBase32(new TextEncoder().encode(text));

describe('HOTP: RFC 4226 appendix D', () => {
  const secret = ascii('12345678901234567890');
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => ({ counter, code })))('counter $counter → $code', ({ counter, code }) => {
    const now = 1_700_000_000_000;
    const window = generateCodes({ kind: 'hotp', secret, algorithm: 'SHA1', digits: 6, period: 30, counter }, now);
    expect(window).toEqual({ code, next: null, validFrom: now, validUntil: null });
  });
});

describe('TOTP: RFC 6238 appendix B', () => {
  // Appendix B uses a different seed length per hash: the 20-byte ASCII seed repeated to 32 and 64 bytes.
  const seeds: Record<HashAlgorithm, string> = {
    SHA1: ascii('12345678901234567890'),
    SHA256: ascii('12345678901234567890123456789012'),
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors: [number, HashAlgorithm, string][] = [
    [59, 'SHA1', '94287082'],
    [59, 'SHA256', '46119246'],
    [59, 'SHA512', '90693936'],
    [1111111109, 'SHA1', '07081804'],
    [1111111109, 'SHA256', '68084774'],
    [1111111109, 'SHA512', '25091201'],
    [1111111111, 'SHA1', '14050471'],
    [1111111111, 'SHA256', '67062674'],
    [1111111111, 'SHA512', '99943326'],
    [1234567890, 'SHA1', '89005924'],
    [1234567890, 'SHA256', '91819424'],
    [1234567890, 'SHA512', '93441116'],
    [2000000000, 'SHA1', '69279037'],
    [2000000000, 'SHA256', '90698825'],
    [2000000000, 'SHA512', '38618901'],
    [20000000000, 'SHA1', '65353130'],
    [20000000000, 'SHA256', '77737706'],
    [20000000000, 'SHA512', '47863826'],
  ];
  it.each(vectors)('T=%i %s → %s', (seconds, algorithm, code) => {
    const account = { kind: 'totp', secret: seeds[algorithm], algorithm, digits: 8, period: 30, counter: 0 } as const;
    const window = generateCodes(account, seconds * 1000);
    expect(window.code).toBe(code);
    const from = Math.floor(seconds / 30) * 30 * 1000;
    expect(window.validFrom).toBe(from);
    expect(window.validUntil).toBe(from + 30_000);
    // The next code is the code of the next period.
    expect(window.next).toBe(generateCodes(account, from + 30_000).code);
  });

  it('switches code exactly on the period boundary', () => {
    const account = { kind: 'totp', secret: seeds.SHA1, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
    const before = generateCodes(account, 59_999);
    const at = generateCodes(account, 60_000);
    expect(before.validUntil).toBe(60_000);
    expect(at.validFrom).toBe(60_000);
    expect(at.code).toBe(before.next);
  });

  it('rejects a time that is not a non-negative integer of ms', () => {
    const account = { kind: 'totp', secret: seeds.SHA1, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
    for (const now of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => generateCodes(account, now)).toThrow(/internal/);
    }
  });
});

/** Independent Steam Guard reference straight from RFC 4226 §5.3 with node:crypto, to check our shortcut. */
function steamReference(secret: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = (digest.at(-1) ?? 0) & 0xf;
  let value = digest.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += '23456789BCDFGHJKMNPQRTVWXY'.charAt(value % 26);
    value = Math.floor(value / 26);
  }
  return code;
}

describe('Steam Guard', () => {
  const bytes = new TextEncoder().encode('12345678901234567890');
  const secret = encodeBase32(bytes);
  it.each([0, 59, 1111111109, 1234567890, 2000000000, 20000000000])('T=%i matches the reference', (seconds) => {
    const window = generateCodes({ kind: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 }, seconds * 1000);
    const counter = Math.floor(seconds / 30);
    expect(window.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(window.code).toBe(steamReference(bytes, counter));
    expect(window.next).toBe(steamReference(bytes, counter + 1));
    expect(window.validUntil).toBe((counter + 1) * 30_000);
  });

  it('always uses 30 s and SHA-1, whatever the account says', () => {
    const base = { kind: 'steam', secret, counter: 0 } as const;
    const a = generateCodes({ ...base, algorithm: 'SHA1', digits: 5, period: 30 }, 1_700_000_000_000);
    const b = generateCodes({ ...base, algorithm: 'SHA512', digits: 8, period: 60 }, 1_700_000_000_000);
    expect(b).toEqual(a);
  });
});

describe('groupCode', () => {
  it.each([
    ['12345', '12345'],
    ['BCDFG', 'BCDFG'],
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '12345 67890'],
    ['', ''],
    ['1234', '1234'],
  ])('%s → %s', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });
});
