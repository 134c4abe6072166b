/**
 * The one order accounts are listed in, everywhere (the worker's vault, the codes view, the popup, the
 * full page): the service name, or the account name when there is none (issue 12), in the user's
 * collation ("Äpfel" next to "Apfel", "Site 2" before "Site 10"); then the account name; then age.
 */
import type { AccountMeta } from './account';

let collator: Intl.Collator | null = null;

/** Made once: a fresh collator costs a few ms in a new process, which a cold popup would pay. */
function collate(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

type Ordered = Pick<AccountMeta, 'issuer' | 'name' | 'createdAt'>;

export function compareAccounts(a: Ordered, b: Ordered): number {
  return collate(a.issuer || a.name, b.issuer || b.name) || collate(a.name, b.name) || a.createdAt - b.createdAt;
}

/** A sorted copy. */
export function sortAccounts<T extends Ordered>(accounts: readonly T[]): T[] {
  return [...accounts].sort(compareAccounts);
}
