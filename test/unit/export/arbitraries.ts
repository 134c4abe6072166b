/** Random accounts for the export tests: every kind, algorithm, digit count, period and counter. */
import fc from 'fast-check';
import type { AccountInput, HashAlgorithm } from '../../../src/core/account';
import { parseAccountInput } from '../../../src/core/account-input';
import { encodeBase32 } from '../../../src/core/base32';

/** Names and issuers: any Unicode text (emoji, CJK, colons), trimmed, as parseAccountInput keeps it. */
const text = (min: number) =>
  fc
    .string({ unit: 'grapheme', minLength: min, maxLength: 24 })
    .map((s) => s.trim())
    .filter((s) => s.length >= min && s.length <= 256);
const withColons = (min: number) => fc.oneof(text(min), fc.tuple(text(0), text(0)).map(([a, b]) => `${a}:${b}`.trim()).filter((s) => s.length >= min));

const algorithm = fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512');
const secret = fc.uint8Array({ minLength: 10, maxLength: 64 }).map(encodeBase32);
const sites = fc.array(fc.constantFrom('github.com', 'example.org', 'bank.example'), { maxLength: 2 }).map((s) => [...new Set(s)]);

/** Accounts a Google Authenticator transfer code can carry exactly: TOTP at 30 s or HOTP, 6 or 8 digits. */
export const migratable: fc.Arbitrary<AccountInput> = fc
  .record({
    kind: fc.constantFrom('totp', 'hotp'),
    issuer: withColons(0),
    name: withColons(1),
    secret,
    algorithm,
    digits: fc.constantFrom(6, 8),
    counter: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    sites,
  })
  .map((raw) => parseAccountInput(raw));

/** Any account Twostep can hold. */
export const anyAccount: fc.Arbitrary<AccountInput> = fc
  .record({
    kind: fc.constantFrom('totp', 'hotp', 'steam'),
    issuer: withColons(0),
    name: withColons(1),
    secret,
    algorithm,
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 86_400 })),
    counter: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    sites,
  })
  .map((raw) => parseAccountInput(raw));

/** What a format without sites gives back. */
export const withoutSites = (accounts: AccountInput[]): AccountInput[] => accounts.map((a) => ({ ...a, sites: [] }));
