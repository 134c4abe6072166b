/** Small pure helpers for account records and the accounts revision. */
import { compareAccounts } from '../../core/account-order';
import type { Account, AccountInput } from '../../core/account';
import type { StoredRecord } from '../../core/vault/format';

/** The stored revision, or 0 for a vault that has never been written. */
export function asRevision(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

/** Increments the accounts revision inside the caller's transaction and returns the new value. */
export async function bumpRevision(store: { get(key: 'revision'): Promise<unknown>; put(value: number, key: 'revision'): Promise<unknown> }): Promise<number> {
  const next = asRevision(await store.get('revision')) + 1;
  await store.put(next, 'revision');
  return next;
}

/** Two accounts with the same kind and secret are the same account. */
export function secretKey(account: Pick<AccountInput, 'kind' | 'secret'>): string {
  return `${account.kind}:${account.secret}`;
}

/** Whether `after` differs from `before` in nothing a user set: at most the HOTP counter moved. */
export function onlyCounterChanged(before: AccountInput, after: AccountInput): boolean {
  const fields = ['kind', 'issuer', 'name', 'secret', 'algorithm', 'digits', 'period'] as const;
  return fields.every((f) => before[f] === after[f]) && before.sites.join('\n') === after.sites.join('\n');
}

/** The same ciphertext under the same id: nothing was written in between. */
export function sameRecord(a: StoredRecord | null, b: StoredRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && bytesEqual(a.sealed.iv, b.sealed.iv) && bytesEqual(a.sealed.ct, b.sealed.ct);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** In list order (core/account-order), in place: the order the popup lists them in. */
export function sortAccounts(accounts: Account[]): Account[] {
  return accounts.sort(compareAccounts);
}
