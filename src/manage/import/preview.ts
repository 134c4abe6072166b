/**
 * The import preview as data, apart from the DOM so it is tested in node: every account read from
 * every source, which ones are already in Twostep or repeated across the sources, which are ticked,
 * and which are bound to the site their file names. Nothing here writes anything.
 */
import type { AccountInput } from '../../core/account';

/** Why a row is a duplicate: already in the vault, or the same account as an earlier row. */
export type Duplicate = 'vault' | 'batch' | null;

export interface PreviewRow {
  /** Stable across re-renders: the source's id and the entry's position in it. */
  key: string;
  /** The file (or "pasted text", "QR images") the entry came from. */
  source: string;
  input: AccountInput;
  duplicate: Duplicate;
  ticked: boolean;
  /**
   * Bind the account to `input.sites` (only when the file names sites). Off until the user ticks it:
   * a bound account's codes are filled on that site, and a site named by another app's file, possibly
   * one someone handed the user, is a claim to confirm, not a fact to act on. A Twostep backup is the
   * exception: its sites are the user's own choices, sealed under the backup's password, so a restore
   * starts with them ticked (and the user can still untick them).
   */
  bind: boolean;
}

export interface PreviewBatch {
  id: string;
  source: string;
  accounts: AccountInput[];
  /** The sites in this batch are the user's own (a Twostep backup): bind them unless unticked. */
  ownSites?: boolean;
}

/**
 * The same rule as the vault's: one account per secret and kind. The same secret as TOTP and as HOTP
 * gives different codes, so those are two accounts.
 */
export const identityOf = (input: Pick<AccountInput, 'kind' | 'secret'>): string => `${input.kind}:${input.secret}`;

/** Rows for `batches`, in order; `inVault[i]` flags the i-th account of all batches together. */
export function previewRows(batches: readonly PreviewBatch[], inVault: readonly boolean[]): PreviewRow[] {
  const seen = new Set<string>();
  const rows: PreviewRow[] = [];
  for (const batch of batches) {
    batch.accounts.forEach((input, index) => {
      const identity = identityOf(input);
      const duplicate: Duplicate = inVault[rows.length] ? 'vault' : seen.has(identity) ? 'batch' : null;
      seen.add(identity);
      rows.push({ key: `${batch.id}:${index}`, source: batch.source, input, duplicate, ticked: duplicate === null, bind: batch.ownSites === true && input.sites.length > 0 });
    });
  }
  return rows;
}

/** Ticks or unticks one row. */
export function setTicked(rows: readonly PreviewRow[], key: string, ticked: boolean): PreviewRow[] {
  return rows.map((row) => (row.key === key ? { ...row, ticked } : row));
}

/** "Select all" ticks every row that is not a duplicate; "none" unticks every row. */
export function setAllTicked(rows: readonly PreviewRow[], ticked: boolean): PreviewRow[] {
  return rows.map((row) => ({ ...row, ticked: ticked && row.duplicate === null }));
}

/** Turns binding to the file's sites on or off for one row (rows without sites are left as they are). */
export function setBind(rows: readonly PreviewRow[], key: string, bind: boolean): PreviewRow[] {
  return rows.map((row) => (row.key === key && row.input.sites.length > 0 ? { ...row, bind } : row));
}

/** What Confirm writes: the ticked rows, each bound to its sites only when the user said so. */
export function toWrite(rows: readonly PreviewRow[]): AccountInput[] {
  return rows.filter((row) => row.ticked).map((row) => ({ ...row.input, sites: row.bind ? row.input.sites : [] }));
}

/** How many rows are ticked, for the Confirm button's label. */
export function tickedCount(rows: readonly PreviewRow[]): number {
  return rows.reduce((n, row) => n + (row.ticked ? 1 : 0), 0);
}

/**
 * Keeps the user's choices when the preview is rebuilt (another file added, a password entered): a
 * row seen before keeps its tick and binding, unless it has since become a duplicate.
 */
export function keepChoices(next: readonly PreviewRow[], previous: readonly PreviewRow[]): PreviewRow[] {
  const before = new Map(previous.map((row) => [row.key, row]));
  return next.map((row) => {
    const old = before.get(row.key);
    if (!old || row.duplicate !== old.duplicate) return row;
    return { ...row, ticked: old.ticked, bind: old.bind };
  });
}
