/**
 * Automatic backups: the user's settings, the file names, and when a backup is due. Pure: time is a
 * parameter, so every decision is tested with fixed clocks (test/unit/auto-backup/policy.test.ts).
 */

export type BackupSchedule = 'daily' | 'weekly';
export const BACKUP_SCHEDULES: readonly BackupSchedule[] = ['daily', 'weekly'];

export interface AutoBackupSettings {
  /** Off by default: it needs a password and the optional `downloads` permission. */
  enabled: boolean;
  /** A fresh copy at least this often, even without changes (a deleted file or folder is made again). */
  schedule: BackupSchedule;
  /** How many of the files it wrote are kept; older ones are removed. */
  keep: number;
}

export const DEFAULT_AUTO_BACKUP: AutoBackupSettings = { enabled: false, schedule: 'weekly', keep: 5 };
export const KEEP_LIMITS = { min: 1, max: 50 } as const;

/**
 * How long after the last change the backup is written: an import or a run of edits makes one file,
 * not one per change.
 */
export const CHANGE_DELAY_MS = 60_000;

export const PERIOD_MS: Record<BackupSchedule, number> = { daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };

/** The folder inside the browser's download directory; nothing outside it is ever written or removed. */
export const BACKUP_FOLDER = 'Twostep backups';

export function isSchedule(value: unknown): value is BackupSchedule {
  return (BACKUP_SCHEDULES as readonly unknown[]).includes(value);
}

export function isKeep(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= KEEP_LIMITS.min && (value as number) <= KEEP_LIMITS.max;
}

/** Reads stored settings leniently: anything missing or mistyped falls back to the default. */
export function parseAutoBackupSettings(value: unknown): AutoBackupSettings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    enabled: typeof v.enabled === 'boolean' ? v.enabled : DEFAULT_AUTO_BACKUP.enabled,
    schedule: isSchedule(v.schedule) ? v.schedule : DEFAULT_AUTO_BACKUP.schedule,
    keep: isKeep(v.keep) ? v.keep : DEFAULT_AUTO_BACKUP.keep,
  };
}

/**
 * `Twostep backups/twostep-backup-2026-12-01T23-30-05Z.json`: UTC, so names sort by time in any file
 * manager, and without colons, which Windows does not allow in file names.
 */
export function backupFileName(at: number): string {
  const stamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `${BACKUP_FOLDER}/twostep-backup-${stamp}.json`;
}

/** What the worker remembers about automatic backups (storage.local; nothing secret). */
export interface BackupRecord {
  /** When the accounts of the last automatic backup were read: changes after it are not in a file yet. */
  coveredAt: number | null;
  /** When the last automatic backup was completely written. */
  lastAt: number | null;
}

/** Whether the accounts changed after what the last automatic backup holds. */
export function changedSinceBackup(changedAt: number | null, record: BackupRecord): boolean {
  // Equal times count as changed: one file too many is better than a change left out.
  return changedAt !== null && (record.coveredAt === null || changedAt >= record.coveredAt);
}

/**
 * Why a backup is due at `now` when no alarm is left to say so (at worker start, at unlock): a change
 * whose alarm already fired or was lost, or a schedule whose time has come. `changeAlarmPending`: the
 * change's own alarm is still set, so it waits for that.
 */
export function dueReason(
  input: { changedAt: number | null; record: BackupRecord; schedule: BackupSchedule; changeAlarmPending: boolean },
  now: number,
): 'change' | 'schedule' | null {
  const { changedAt, record, schedule, changeAlarmPending } = input;
  if (!changeAlarmPending && changedSinceBackup(changedAt, record)) return 'change';
  if (record.lastAt === null || now >= nextScheduledAt(record, schedule, now)) return 'schedule';
  return null;
}

/**
 * When the schedule's next copy falls due: one period after the last automatic backup. A clock set
 * back (last backup "in the future") counts from now, so a wrong clock cannot stop backups for weeks.
 */
export function nextScheduledAt(record: BackupRecord, schedule: BackupSchedule, now: number): number {
  const period = PERIOD_MS[schedule];
  if (record.lastAt === null) return now;
  return record.lastAt > now ? now + period : record.lastAt + period;
}

/**
 * The least a backup password must have where the page's strength meter cannot run (the worker checks
 * it again): the file may end up on a cloud drive, where only the password protects it.
 */
export const MIN_BACKUP_PASSWORD = 10;
