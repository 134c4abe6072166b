import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { LIMITS } from '../../src/core/account';
import { parseAccountInput } from '../../src/core/account-input';
import { encodeBase32 } from '../../src/core/base32';
import { TwostepError } from '../../src/core/errors';
import { formatOtpauthUri, parseOtpauthUri } from '../../src/core/otpauth-uri';
import { errorOf } from './error-of';

const SECRET = 'JBSWY3DPEHPK3PXP';

function account(fields: Partial<AccountInput>): AccountInput {
  return { kind: 'totp', issuer: '', name: 'alice', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields };
}


describe('parseOtpauthUri: good URIs', () => {
  it.each<[string, string, Partial<AccountInput>]>([
    ['the Key URI Format example', `otpauth://totp/Example:alice@google.com?secret=${SECRET}&issuer=Example`, { issuer: 'Example', name: 'alice@google.com' }],
    ['a percent-encoded colon', `otpauth://totp/ACME%20Co%3Ajohn.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
      { issuer: 'ACME Co', name: 'john.doe@email.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' }],
    ['a lower-case %3a and spaces after it', `otpauth://totp/Example%3a%20%20alice?secret=${SECRET}`, { issuer: 'Example', name: 'alice' }],
    ['spaces after a literal colon', `otpauth://totp/Example:  alice?secret=${SECRET}`, { issuer: 'Example', name: 'alice' }],
    ['no issuer at all', `otpauth://totp/alice?secret=${SECRET}`, {}],
    ['the issuer parameter only', `otpauth://totp/alice?secret=${SECRET}&issuer=Example`, { issuer: 'Example' }],
    ['a colon inside the name', `otpauth://totp/Example:a%3Ab?secret=${SECRET}`, { issuer: 'Example', name: 'a:b' }],
    ['an empty label issuer', `otpauth://totp/:a%3Ab?secret=${SECRET}`, { name: 'a:b' }],
    ['a lower-case secret', `otpauth://totp/alice?secret=jbswy3dpehpk3pxp`, {}],
    ['a padded secret', `otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPMY%3D%3D%3D%3D%3D%3D`, { secret: 'JBSWY3DPEHPK3PXPMY' }],
    ['a padded secret with raw =', `otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPMY======`, { secret: 'JBSWY3DPEHPK3PXPMY' }],
    ['a secret with %20 spaces', `otpauth://totp/alice?secret=jbsw%20y3dp%20ehpk%203pxp`, {}],
    ['a secret with + spaces', `otpauth://totp/alice?secret=jbsw+y3dp+ehpk+3pxp`, {}],
    ['SHA256, 8 digits, 60 s', `otpauth://totp/alice?secret=${SECRET}&algorithm=SHA256&digits=8&period=60`, { algorithm: 'SHA256', digits: 8, period: 60 }],
    ['lower-case sha512', `otpauth://totp/alice?secret=${SECRET}&algorithm=sha512`, { algorithm: 'SHA512' }],
    ['10 digits', `otpauth://totp/alice?secret=${SECRET}&digits=10`, { digits: 10 }],
    ['HOTP with a counter', `otpauth://hotp/Issuu:James?secret=${SECRET}&issuer=Issuu&counter=10300&period=45`, { kind: 'hotp', issuer: 'Issuu', name: 'James', counter: 10300 }],
    ['HOTP with counter 0', `otpauth://hotp/alice?secret=${SECRET}&counter=0`, { kind: 'hotp' }],
    ['the steam type', `otpauth://steam/Steam:alice?secret=${SECRET}&digits=5&period=30`, { kind: 'steam', issuer: 'Steam', digits: 5 }],
    ['encoder=steam', `otpauth://totp/Steam:alice?secret=${SECRET}&encoder=steam&digits=5`, { kind: 'steam', issuer: 'Steam', digits: 5 }],
    ['an upper-case scheme and type', `OTPAUTH://TOTP/alice?secret=${SECRET}`, {}],
    ['surrounding whitespace', `  otpauth://totp/alice?secret=${SECRET}\n`, {}],
    ['a literal + in the label', `otpauth://totp/A+B:alice?secret=${SECRET}`, { issuer: 'A+B' }],
    ['+ as space in the issuer parameter', `otpauth://hotp/Air%20Canada:Benjamin?secret=${SECRET}&issuer=Air+Canada&counter=50`, { kind: 'hotp', issuer: 'Air Canada', name: 'Benjamin', counter: 50 }],
    ['an unencoded + in both label and issuer', `otpauth://totp/A+B:alice?secret=${SECRET}&issuer=A+B`, { issuer: 'A+B' }],
    ['unknown, repeated and empty parameters', `otpauth://totp/alice?image=x&image=%ZZ&&secret=${SECRET}&codeDisplay=%7B%7D`, {}],
    ['a fragment', `otpauth://totp/alice?secret=${SECRET}#ignored`, {}],
    ['UTF-8 text', `otpauth://totp/%C3%84pfel:J%C3%BCrgen?secret=${SECRET}`, { issuer: 'Äpfel', name: 'Jürgen' }],
  ])('%s', (_label, uri, fields) => {
    expect(parseOtpauthUri(uri)).toEqual(account(fields));
  });
});

describe('parseOtpauthUri: bad URIs', () => {
  const ok = `secret=${SECRET}`;
  it.each<[string, string, string]>([
    ['', 'uri_not_otpauth', 'empty text'],
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'uri_not_otpauth', 'another scheme'],
    [`otpauth:/totp/alice?${ok}`, 'uri_not_otpauth', 'one slash'],
    [`otpauth:totp/alice?${ok}`, 'uri_not_otpauth', 'no slashes'],
    ['JBSWY3DPEHPK3PXP', 'uri_not_otpauth', 'a bare secret'],
    [`otpauth://motp/alice?${ok}`, 'uri_kind_unknown', 'mOTP'],
    [`otpauth:///alice?${ok}`, 'uri_kind_unknown', 'no type'],
    [`otpauth://totp/alice?${ok}&encoder=yandex`, 'uri_kind_unknown', 'another encoder'],
    [`otpauth://totp?${ok}`, 'uri_label_missing', 'no label'],
    [`otpauth://totp/?${ok}`, 'uri_label_missing', 'an empty label'],
    [`otpauth://totp/Example:?${ok}`, 'name_missing', 'an issuer but no name'],
    [`otpauth://totp/Example:alice?${ok}&issuer=Other`, 'uri_issuer_mismatch', 'different issuers'],
    [`otpauth://totp/alice?${ok}&secret=${SECRET}`, 'uri_param_duplicate', 'two secrets'],
    [`otpauth://totp/alice?${ok}&issuer=A&issuer=A`, 'uri_param_duplicate', 'two issuers'],
    [`otpauth://totp/alice?${ok}&digits=6&DIGITS=6`, 'uri_param_duplicate', 'two digits in different case'],
    ['otpauth://totp/alice', 'secret_missing', 'no query'],
    ['otpauth://totp/alice?secret=', 'secret_missing', 'an empty secret'],
    ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PX1', 'secret_not_base32', 'a 1 in the secret'],
    ['otpauth://totp/alice?secret=JBSW-Y3DP-EHPK-3PXP', 'secret_not_base32', 'hyphens in the secret'],
    ['otpauth://totp/alice?secret=JBSWY3DP', 'secret_too_short', 'a 40-bit secret'],
    [`otpauth://totp/alice?secret=${'A'.repeat(420)}`, 'secret_too_long', 'a huge secret'],
    [`otpauth://totp/alice?${ok}&algorithm=MD5`, 'algorithm_unsupported', 'MD5'],
    [`otpauth://totp/alice?${ok}&algorithm=SHA-256`, 'algorithm_unsupported', 'SHA-256 with a hyphen'],
    [`otpauth://totp/alice?${ok}&algorithm=`, 'algorithm_unsupported', 'an empty algorithm'],
    [`otpauth://steam/alice?${ok}&algorithm=MD5`, 'algorithm_unsupported', 'Steam with MD5'],
    [`otpauth://totp/alice?${ok}&digits=5`, 'digits_invalid', '5 digits'],
    [`otpauth://totp/alice?${ok}&digits=11`, 'digits_invalid', '11 digits'],
    [`otpauth://totp/alice?${ok}&digits=six`, 'digits_invalid', 'digits in words'],
    [`otpauth://totp/alice?${ok}&digits=6.0`, 'digits_invalid', 'a decimal point'],
    [`otpauth://totp/alice?${ok}&digits=`, 'digits_invalid', 'empty digits'],
    [`otpauth://totp/alice?${ok}&period=0`, 'period_invalid', 'period 0'],
    [`otpauth://totp/alice?${ok}&period=-30`, 'period_invalid', 'a negative period'],
    [`otpauth://totp/alice?${ok}&period=${LIMITS.maxPeriod + 1}`, 'period_invalid', 'a period over a day'],
    [`otpauth://hotp/alice?${ok}`, 'counter_invalid', 'HOTP without a counter'],
    [`otpauth://hotp/alice?${ok}&counter=-1`, 'counter_invalid', 'a negative counter'],
    [`otpauth://hotp/alice?${ok}&counter=9007199254740993`, 'counter_invalid', 'a counter past 2^53'],
    [`otpauth://hotp/alice?${ok}&counter=x`, 'counter_invalid', 'a word as counter'],
    [`otpauth://totp/%E0%A4%A?${ok}`, 'uri_malformed', 'a truncated escape in the label'],
    [`otpauth://totp/%FF?${ok}`, 'uri_malformed', 'invalid UTF-8 in the label'],
    ['otpauth://totp/alice?secret=%ZZ', 'uri_malformed', 'a bad escape in the secret'],
    [`otpauth://totp/alice?${ok}&issuer=%E2%82`, 'uri_malformed', 'a bad escape in the issuer'],
    [`otpauth://totp/${'x'.repeat(LIMITS.maxTextLength + 1)}?${ok}`, 'text_too_long', 'a long name'],
    [`otpauth://totp/alice?${ok}&issuer=${'x'.repeat(LIMITS.maxTextLength + 1)}`, 'text_too_long', 'a long issuer'],
  ])('%s → %s (%s)', (uri, code) => {
    expect(errorOf(() => parseOtpauthUri(uri)).code).toBe(code);
  });

  it('names a Google Authenticator transfer QR as such', () => {
    const error = errorOf(() => parseOtpauthUri('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU'));
    expect(error).toMatchObject({ code: 'uri_not_otpauth', detail: 'migration' });
  });
});

describe('formatOtpauthUri', () => {
  it.each<[Partial<AccountInput>, string]>([
    [{ issuer: 'ACME Co', name: 'john@example.com' }, `otpauth://totp/ACME%20Co:john%40example.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`],
    [{}, `otpauth://totp/alice?secret=${SECRET}&algorithm=SHA1&digits=6&period=30`],
    [{ kind: 'hotp', counter: 7, algorithm: 'SHA256', digits: 8 }, `otpauth://hotp/alice?secret=${SECRET}&algorithm=SHA256&digits=8&counter=7`],
    [{ kind: 'steam', issuer: 'Steam', digits: 5 }, `otpauth://steam/Steam:alice?secret=${SECRET}&issuer=Steam&algorithm=SHA1&digits=5&period=30`],
    [{ issuer: 'A+B', name: 'a:b' }, `otpauth://totp/A%2BB:a%3Ab?secret=${SECRET}&issuer=A%2BB&algorithm=SHA1&digits=6&period=30`],
    [{ name: 'a:b' }, `otpauth://totp/:a%3Ab?secret=${SECRET}&algorithm=SHA1&digits=6&period=30`],
  ])('%o', (fields, uri) => {
    expect(formatOtpauthUri(account(fields))).toBe(uri);
    expect(parseOtpauthUri(uri)).toEqual(account(fields));
  });
});

/** Text that exercises every character the Key URI Format gives a meaning to. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(':', '%', '+', '&', '=', '?', '#', '/', ' ', '%3A', '\t', 'é', '😀', '\u0000'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

/** Every valid AccountInput a URI can carry (a URI has no sites): raw fields filtered through parseAccountInput. */
const validInput: fc.Arbitrary<AccountInput> = fc
  .record({
    kind: fc.constantFrom('totp', 'hotp', 'steam'),
    issuer: text,
    name: text,
    secret: fc.uint8Array({ minLength: LIMITS.minSecretBytes, maxLength: 80 }).map(encodeBase32),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: LIMITS.minDigits, max: LIMITS.maxDigits }),
    period: fc.integer({ min: LIMITS.minPeriod, max: LIMITS.maxPeriod }),
    counter: fc.maxSafeNat(),
  })
  .map((raw) => {
    try {
      return parseAccountInput(raw);
    } catch {
      return null;
    }
  })
  .filter((input): input is AccountInput => input !== null);

/** Parses, requiring success to give a canonical AccountInput and failure to be a TwostepError. */
function parseOrTwostepError(uri: string): void {
  let parsed: AccountInput;
  try {
    parsed = parseOtpauthUri(uri);
  } catch (error) {
    expect(error).toBeInstanceOf(TwostepError);
    return;
  }
  expect(parseAccountInput(parsed)).toEqual(parsed);
}

describe('otpauth URI properties', () => {
  it('format then parse gives back every valid account', () => {
    fc.assert(fc.property(validInput, (input) => {
      expect(parseOtpauthUri(formatOtpauthUri(input))).toEqual(input);
    }), { numRuns: 500 });
  });

  it('random text parses or throws a TwostepError', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), text.map((t) => `otpauth://${t}`), text.map((t) => `otpauth://totp/${t}`)), parseOrTwostepError), { numRuns: 1000 });
  });

  it('mutated valid URIs parse or throw a TwostepError', () => {
    const mutation = fc.record({ at: fc.nat(), op: fc.constantFrom('insert', 'delete', 'replace', 'repeat', 'truncate'), piece: text });
    fc.assert(fc.property(validInput, fc.array(mutation, { minLength: 1, maxLength: 4 }), (input, mutations) => {
      let uri = formatOtpauthUri(input);
      for (const { at, op, piece } of mutations) {
        const i = at % (uri.length + 1);
        if (op === 'insert') uri = uri.slice(0, i) + piece + uri.slice(i);
        else if (op === 'delete') uri = uri.slice(0, i) + uri.slice(i + 1 + piece.length);
        else if (op === 'replace') uri = uri.slice(0, i) + piece + uri.slice(i + piece.length);
        else if (op === 'repeat') uri = uri.slice(0, i) + uri.slice(i, i + 1 + piece.length).repeat(2) + uri.slice(i + 1 + piece.length);
        else uri = uri.slice(0, i);
      }
      parseOrTwostepError(uri);
    }), { numRuns: 1000 });
  });
});
