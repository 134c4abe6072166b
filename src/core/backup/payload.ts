/**
 * The plaintext of a backup: UTF-8 JSON `{"accounts": [...]}`, one object per account with every
 * field the vault keeps that matters to a user (kind, issuer, name, secret, algorithm, digits, period,
 * HOTP counter, sites, and when it was added and last changed). Storage ids are left out: a restore
 * gives new ones, so restoring the same backup twice is caught as duplicates, not as id clashes.
 */
import type { AccountInput } from '../account';
import { parseAccountInput } from '../account-input';
import { TwostepError } from '../errors';

/** One account in a backup; the dates are epoch ms and absent from files that do not know them. */
export interface BackupAccount extends AccountInput {
  createdAt?: number;
  updatedAt?: number;
}

/** The plaintext bytes for these accounts (only the listed fields: nothing else an object carries). */
export function encodePayload(accounts: readonly BackupAccount[]): Uint8Array {
  const entries = accounts.map((a) => ({
    kind: a.kind,
    issuer: a.issuer,
    name: a.name,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    sites: a.sites,
    ...(a.createdAt === undefined ? {} : { createdAt: a.createdAt }),
    ...(a.updatedAt === undefined ? {} : { updatedAt: a.updatedAt }),
  }));
  return new TextEncoder().encode(JSON.stringify({ accounts: entries }));
}

/** The entries of a decrypted payload, not yet validated; `backup_damaged` when it is not the expected shape. */
export function decodePayload(plain: Uint8Array): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw new TwostepError('backup_damaged', 'payload');
  }
  const accounts = typeof value === 'object' && value !== null ? (value as { accounts?: unknown }).accounts : undefined;
  if (!Array.isArray(accounts)) throw new TwostepError('backup_damaged', 'payload');
  return accounts as unknown[];
}

const date = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

/** Validates one entry exactly like a typed account (throws its field's code); keeps valid dates. */
export function parseBackupAccount(raw: unknown): BackupAccount {
  const input = parseAccountInput(raw);
  const record = raw as Record<string, unknown>;
  const createdAt = date(record.createdAt);
  const updatedAt = date(record.updatedAt);
  return { ...input, ...(createdAt === undefined ? {} : { createdAt }), ...(updatedAt === undefined ? {} : { updatedAt }) };
}
