/** Parses a decrypted record back into an `Account`, so a corrupted payload is caught, not trusted. */
import type { Account } from '../account';
import { parseAccountInput } from '../account-input';
import { TwostepError } from '../errors';

/** Validates a decrypted account record whose storage key is `id`. */
export function parseStoredAccount(value: unknown, id: string): Account {
  if (typeof value !== 'object' || value === null) throw new TwostepError('vault_corrupted', 'record is not an object');
  const record = value as Record<string, unknown>;
  if (record.id !== id) throw new TwostepError('vault_corrupted', 'record id does not match');
  const { createdAt, updatedAt } = record;
  if (typeof createdAt !== 'number' || typeof updatedAt !== 'number') {
    throw new TwostepError('vault_corrupted', 'record timestamps are missing');
  }
  return { ...parseAccountInput(value), id, createdAt, updatedAt };
}
