import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/account';
import { parseAccountInput } from '../../src/core/account-input';
import { decodeBase32, encodeBase32, normalizeSecret } from '../../src/core/base32';
import { TwostepError } from '../../src/core/errors';

/** Runs `fn` and returns the TwostepError code it threw; fails the test on any other outcome. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TwostepError);
    return (error as TwostepError).code;
  }
  throw new Error('expected a TwostepError');
}

describe('base32 (RFC 4648 §10 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ↔ %s', (text, base32) => {
    const bytes = new TextEncoder().encode(text);
    expect(encodeBase32(bytes)).toBe(base32);
    expect(decodeBase32(base32)).toEqual(bytes);
  });

  it('accepts lower case, spaces and correct padding', () => {
    const bytes = new TextEncoder().encode('foobar');
    expect(decodeBase32('mzxw 6ytb oi')).toEqual(bytes);
    expect(decodeBase32('MZXW6YTBOI======')).toEqual(bytes);
    expect(decodeBase32('MZXW6===')).toEqual(new TextEncoder().encode('foo'));
  });

  it.each([
    ['MZXW6YTBO1', 'a digit outside 2-7'],
    ['MZXW-6YTB', 'a hyphen'],
    ['MZXW\t6YTB', 'a tab'],
    ['MZXW6YTBOI=', 'short padding'],
    ['MZXW6YTBOI========', 'too much padding'],
    ['MZ=XW6YT', 'padding in the middle'],
    ['MZXW6YTBO', 'an impossible length (9)'],
    ['A', 'an impossible length (1)'],
    ['MZXW6Y', 'an impossible length (6)'],
  ])('rejects %j (%s)', (text) => {
    expect(codeOf(() => decodeBase32(text))).toBe('secret_not_base32');
  });

  it('normalizes to canonical base32 and enforces the size limits', () => {
    expect(normalizeSecret('jbsw y3dp ehpk 3pxp')).toBe('JBSWY3DPEHPK3PXP');
    expect(normalizeSecret('JBSWY3DPEHPK3PXPMY======')).toBe('JBSWY3DPEHPK3PXPMY');
    expect(codeOf(() => normalizeSecret(''))).toBe('secret_missing');
    expect(codeOf(() => normalizeSecret('   '))).toBe('secret_missing');
    expect(codeOf(() => normalizeSecret('JBSWY3DPEHPK3PQ'))).toBe('secret_too_short'); // 9 bytes
    const longest = encodeBase32(new Uint8Array(LIMITS.maxSecretBytes).fill(7));
    expect(normalizeSecret(longest)).toBe(longest);
    expect(codeOf(() => normalizeSecret(encodeBase32(new Uint8Array(LIMITS.maxSecretBytes + 1))))).toBe('secret_too_long');
    expect(normalizeSecret(encodeBase32(new Uint8Array(LIMITS.minSecretBytes)))).toBe('A'.repeat(16));
  });

  it('round-trips random bytes', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
      expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
    }
  });
});

describe('parseAccountInput', () => {
  const good = { kind: 'totp', issuer: ' ACME ', name: ' alice@example.com ', secret: 'jbswy3dpehpk3pxp' };

  it('fills defaults, trims text and canonicalizes the secret', () => {
    expect(parseAccountInput(good)).toEqual({
      kind: 'totp', issuer: 'ACME', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [],
    });
  });

  it('keeps explicit parameters and accepts digit strings from forms', () => {
    const parsed = parseAccountInput({ ...good, algorithm: 'sha512', digits: '8', period: 60, sites: ['Example.COM', 'example.com', 'login.example.org'] });
    expect(parsed).toMatchObject({ algorithm: 'SHA512', digits: 8, period: 60, sites: ['example.com', 'login.example.org'] });
  });

  it('keeps the HOTP counter and fixes the unused fields', () => {
    expect(parseAccountInput({ ...good, kind: 'HOTP', counter: 42, period: 90 })).toMatchObject({ kind: 'hotp', counter: 42, period: 30 });
    expect(parseAccountInput({ ...good, counter: 42 })).toMatchObject({ kind: 'totp', counter: 0 });
    expect(parseAccountInput({ ...good, kind: 'hotp', counter: Number.MAX_SAFE_INTEGER }).counter).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('forces Steam parameters', () => {
    expect(parseAccountInput({ ...good, kind: 'steam', algorithm: 'SHA256', digits: 8, period: 60 })).toMatchObject({
      kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0,
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'otpauth://totp/x', 'bad_request'],
    ['null', null, 'bad_request'],
    ['an array', [good], 'bad_request'],
    ['an unknown kind', { ...good, kind: 'motp' }, 'uri_kind_unknown'],
    ['no kind', { ...good, kind: undefined }, 'uri_kind_unknown'],
    ['no name', { ...good, name: undefined }, 'name_missing'],
    ['a blank name', { ...good, name: '   ' }, 'name_missing'],
    ['a numeric name', { ...good, name: 42 }, 'bad_request'],
    ['a lone surrogate', { ...good, issuer: 'a\uD800b' }, 'bad_request'],
    ['a long issuer', { ...good, issuer: 'x'.repeat(LIMITS.maxTextLength + 1) }, 'text_too_long'],
    ['a long name', { ...good, name: 'x'.repeat(LIMITS.maxTextLength + 1) }, 'text_too_long'],
    ['no secret', { ...good, secret: undefined }, 'secret_missing'],
    ['a numeric secret', { ...good, secret: 1234 }, 'bad_request'],
    ['a short secret', { ...good, secret: 'JBSWY3DP' }, 'secret_too_short'],
    ['a non-base32 secret', { ...good, secret: 'JBSWY3DPEHPK3PX!' }, 'secret_not_base32'],
    ['MD5', { ...good, algorithm: 'MD5' }, 'algorithm_unsupported'],
    ['SHA-256 spelled with a hyphen', { ...good, algorithm: 'SHA-256' }, 'algorithm_unsupported'],
    ['a numeric algorithm', { ...good, algorithm: 1 }, 'algorithm_unsupported'],
    ['5 digits', { ...good, digits: 5 }, 'digits_invalid'],
    ['11 digits', { ...good, digits: 11 }, 'digits_invalid'],
    ['6.5 digits', { ...good, digits: 6.5 }, 'digits_invalid'],
    ['"6x" digits', { ...good, digits: '6x' }, 'digits_invalid'],
    ['period 0', { ...good, period: 0 }, 'period_invalid'],
    ['a huge period', { ...good, period: LIMITS.maxPeriod + 1 }, 'period_invalid'],
    ['a negative counter', { ...good, kind: 'hotp', counter: -1 }, 'counter_invalid'],
    ['an unsafe counter', { ...good, kind: 'hotp', counter: '9007199254740993' }, 'counter_invalid'],
    ['sites not an array', { ...good, sites: 'example.com' }, 'bad_request'],
    ['a numeric site', { ...good, sites: [1] }, 'site_invalid'],
    ['a URL as site', { ...good, sites: ['https://example.com'] }, 'site_invalid'],
    ['a leading dot', { ...good, sites: ['.example.com'] }, 'site_invalid'],
    ['a trailing dot', { ...good, sites: ['example.com.'] }, 'site_invalid'],
    ['an empty label', { ...good, sites: ['example..com'] }, 'site_invalid'],
    ['an empty site', { ...good, sites: [''] }, 'site_invalid'],
    ['too many sites', { ...good, sites: Array.from({ length: LIMITS.maxSites + 1 }, (_, i) => `s${i}.example`) }, 'site_invalid'],
  ])('rejects %s', (_label, value, code) => {
    expect(codeOf(() => parseAccountInput(value))).toBe(code);
  });
});
