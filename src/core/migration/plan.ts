/**
 * Planning a "Move to a phone" export: which accounts a Google Authenticator transfer code can carry,
 * and how to split them into codes a phone camera reads at the first try.
 */
import type { AccountInput } from '../account';
import type { BatchInfo } from './encode';
import { formatMigrationUri } from './encode';

/**
 * Why an account cannot go into a transfer code. The payload has no Steam kind, no period field (every
 * reader assumes 30 s) and digit counts 6 and 8 only; writing such an account anyway would give the
 * phone codes that look right and never work, so it is left out and listed instead.
 */
export type MigrationProblem = 'steam' | 'period' | 'digits' | 'too_large';

/**
 * Limits per code. 10 accounts is what Google Authenticator itself puts in one code. 666 characters
 * is the byte-mode capacity of a version 20 code (97×97 modules) at error correction level M: shown
 * at 4 CSS px per module it is about 420 px wide, which phone cameras read from a laptop screen at
 * once, while a denser code needs the phone held still and close. An account too long for that on
 * its own (long names, a 256-byte secret) gets a code of its own, up to the version 40-M capacity.
 */
export const MIGRATION_LIMITS = { maxAccounts: 10, maxUriLength: 666, maxSingleUriLength: 2331 } as const;

export interface MigrationCode {
  uri: string;
  /** Positions, in the input list, of the accounts in this code. */
  accounts: number[];
}

export interface MigrationPlan {
  /** The codes in order ("1 of N" is `codes[0]`); one `batch_id` is shared by all. */
  codes: MigrationCode[];
  /** Accounts left out, each with every reason. */
  refused: { index: number; problems: MigrationProblem[] }[];
  /** Accounts that go but lose their sites: the format has no field for them. */
  losingSites: number[];
  /**
   * Accounts that go exactly, but with SHA-256/512 or 8 digits: Aegis and 2FAS compute them, while
   * Google Authenticator has long computed SHA-1 with 6 digits whatever the code said.
   */
  beyondGoogle: number[];
}

/** What stops an account from going into a transfer code exactly (not counting its size). */
export function migrationProblems(account: AccountInput): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  if (account.kind === 'steam') return ['steam'];
  if (account.kind === 'totp' && account.period !== 30) problems.push('period');
  if (account.digits !== 6 && account.digits !== 8) problems.push('digits');
  return problems;
}

/** A batch as large as any real one can be, for measuring before the number of codes is known. */
const WIDEST = 0x7fff_ffff;

/**
 * Splits `accounts` into transfer codes within `MIGRATION_LIMITS`, in the order given. `batchId` is a
 * random non-negative int32 from the caller (core takes no randomness of its own).
 */
export function planMigration(accounts: readonly AccountInput[], batchId: number): MigrationPlan {
  const refused: MigrationPlan['refused'] = [];
  const fits: number[] = [];
  const widest = (size: number): BatchInfo => ({ size, index: WIDEST, id: batchId });
  accounts.forEach((account, index) => {
    const problems = migrationProblems(account);
    if (problems.length === 0 && formatMigrationUri([account], widest(WIDEST)).length > MIGRATION_LIMITS.maxSingleUriLength) {
      problems.push('too_large');
    }
    if (problems.length > 0) refused.push({ index, problems });
    else fits.push(index);
  });
  const losingSites = fits.filter((index) => (accounts[index]?.sites.length ?? 0) > 0);
  const beyondGoogle = fits.filter((index) => accounts[index]?.algorithm !== 'SHA1' || accounts[index]?.digits !== 6);
  // The final links carry the real batch size and index, which are never wider than the ones measured,
  // but base64 and percent-encoding depend on content: a link that still came out too long (rare) makes
  // the packing leave a little more room and start again.
  for (let margin = 0; ; margin += 16) {
    const groups = pack(fits, accounts, MIGRATION_LIMITS.maxUriLength - margin, widest(WIDEST));
    const codes = groups.map((group, index) => ({
      uri: formatMigrationUri(pick(accounts, group), { size: groups.length, index, id: batchId }),
      accounts: group,
    }));
    if (codes.every((code) => code.accounts.length === 1 || code.uri.length <= MIGRATION_LIMITS.maxUriLength)) {
      return { codes, refused, losingSites, beyondGoogle };
    }
  }
}

function pack(indexes: number[], accounts: readonly AccountInput[], limit: number, batch: BatchInfo): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  for (const index of indexes) {
    const candidate = [...current, index];
    const fitsHere = candidate.length <= MIGRATION_LIMITS.maxAccounts && formatMigrationUri(pick(accounts, candidate), batch).length <= limit;
    if (fitsHere || current.length === 0) current = candidate;
    else {
      groups.push(current);
      current = [index];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function pick(accounts: readonly AccountInput[], indexes: number[]): AccountInput[] {
  return indexes.map((index) => accounts[index]).filter((account): account is AccountInput => account !== undefined);
}
