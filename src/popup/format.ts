/** Pure helpers for what the popup shows: code grouping, the code of the moment, account labels. */
import type { AccountMeta } from '../core/account';
import type { AccountView } from '../shared/protocol';

/**
 * Groups a code for reading aloud or typing: "123 456", "1234 5678", "123 456 789".
 * Steam codes are letters and digits read as one word, so they stay as they are.
 */
export function groupCode(code: string, kind: AccountMeta['kind']): string {
  if (kind === 'steam' || code.length < 6) return code;
  const n = code.length;
  if (n % 3 === 0) return code.replace(/(.{3})(?!$)/g, '$1 ');
  const head = Math.floor(n / 2);
  return `${code.slice(0, head)} ${code.slice(head)}`;
}

/** The same grouping with every character replaced by a dot, for hidden codes. */
export function maskCode(grouped: string): string {
  return grouped.replace(/\S/g, '•');
}

export interface ShownCode {
  code: string;
  /** Epoch ms; null for HOTP. */
  validFrom: number;
  validUntil: number | null;
  /** True when the background's codes are out of date and a refresh is due. */
  stale: boolean;
}

/**
 * The code to show at `now`. At `validUntil` the popup switches to `next` by itself, so the code never
 * blanks or flickers while the background is asked for fresh codes.
 */
export function shownCode(account: AccountView, now: number): ShownCode {
  const { code, next, validFrom, validUntil } = account.codes;
  if (validUntil === null || now < validUntil) return { code, validFrom, validUntil, stale: false };
  const periodMs = account.period * 1000;
  if (next !== null) return { code: next, validFrom: validUntil, validUntil: validUntil + periodMs, stale: true };
  return { code, validFrom, validUntil, stale: true };
}

/** "GitHub — alice", or just the one that is set. */
export function accountLabel(account: Pick<AccountMeta, 'issuer' | 'name'>): string {
  const issuer = account.issuer.trim();
  const name = account.name.trim();
  if (issuer && name) return `${issuer} — ${name}`;
  return issuer || name;
}

/** Lower-cased text a search matches against: issuer, name and sites. */
export function searchText(account: AccountMeta): string {
  return `${account.issuer}\n${account.name}\n${account.sites.join('\n')}`.toLowerCase();
}

export { sortAccounts } from '../core/account-order';

/** The earliest moment any code in `accounts` expires, so the popup knows when to ask for fresh codes. */
export function earliestExpiry(accounts: readonly AccountView[]): number {
  let earliest = Infinity;
  for (const a of accounts) if (a.codes.validUntil !== null && a.codes.validUntil < earliest) earliest = a.codes.validUntil;
  return earliest;
}

/**
 * A short word for each account that shares its issuer and name with another: the kind when the two
 * differ in kind (HOTP next to TOTP), else the first site when they differ in site. Accounts with
 * a name of their own get none.
 */
export function distinguishers(accounts: readonly AccountMeta[]): Map<string, string> {
  const groups = new Map<string, AccountMeta[]>();
  for (const a of accounts) {
    const key = accountLabel(a).toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const kinds = new Set(group.map((a) => a.kind));
    const sites = new Set(group.map((a) => a.sites[0] ?? ''));
    for (const a of group) {
      const word = kinds.size > 1 ? a.kind.toUpperCase() : sites.size > 1 ? (a.sites[0] ?? '') : '';
      if (word) out.set(a.id, word);
    }
  }
  return out;
}
