/** Shared pieces of the backup tests: a cheap Argon2 stand-in, fixed randomness, sample accounts. */
import { createHash } from 'node:crypto';
import type { Argon2, BackupAccount, RandomBytes } from '../../../src/core/backup';

/** SHA-256 of password ‖ salt ‖ costs: fast and deterministic, and not the real KDF. */
export const cheapArgon2: Argon2 = (password, salt, cost, length) =>
  Promise.resolve(new Uint8Array(createHash('sha256').update(password).update(salt).update(JSON.stringify(cost)).digest().subarray(0, length)));

/** Randomness from a counter: the same bytes every run. */
export function fixedRandom(seed = 1): RandomBytes {
  let n = seed;
  return (length) => Uint8Array.from({ length }, () => (n = (n * 1103515245 + 12345) & 0xff));
}

export const SAMPLE: BackupAccount[] = [
  { kind: 'totp', issuer: 'Example', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['example.com'], createdAt: 1_700_000_000_000, updatedAt: 1_700_000_100_000 },
  { kind: 'hotp', issuer: 'Bank', name: 'bob', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 30, counter: 42, sites: [], createdAt: 1_700_000_000_001, updatedAt: 1_700_000_000_001 },
  { kind: 'steam', issuer: 'Steam', name: 'gamer', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', algorithm: 'SHA1', digits: 5, period: 30, counter: 0, sites: ['steampowered.com', 'steamcommunity.com'] },
];
