/** The popup's quiet "back up" line: when it shows. Pure, tested with fixed times. */

export interface ReminderInput {
  accountCount: number;
  /** Last add, edit or removal (HOTP counter steps do not count). Null: none recorded since this was built. */
  changedAt: number | null;
  /** Last backup of any kind, manual or automatic. */
  backedUpAt: number | null;
  /** The user hid the line at this time; it stays hidden until the next change. */
  dismissedAt: number | null;
  /** Automatic backups are on and the last one worked: the next one follows by itself, no need to nag. */
  automatic: boolean;
}

/**
 * Shown when accounts exist and something changed after the last backup and after the last dismissal;
 * a vault that was never backed up counts as changed (its accounts exist nowhere else).
 */
export function reminderDue(input: ReminderInput): boolean {
  const { accountCount, changedAt, backedUpAt, dismissedAt, automatic } = input;
  if (accountCount === 0 || automatic) return false;
  const since = Math.max(backedUpAt ?? -Infinity, dismissedAt ?? -Infinity);
  if (changedAt === null) return since === -Infinity;
  return changedAt > since;
}
