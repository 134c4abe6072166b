/**
 * When the last backup was made, on `storage.local` (a date, no secret), so the popup can remind the
 * user when accounts changed since; kept outside the worker's memory because the worker may stop.
 */
import browser from 'webextension-polyfill';

export interface BackupLog {
  /** Records that a backup was written at `at` (epoch ms). */
  record(at: number): Promise<void>;
  /** The last backup's time, or null when none was made. */
  last(): Promise<number | null>;
}

export const LAST_BACKUP_AT = 'lastBackupAt';

export const localBackupLog: BackupLog = {
  record: (at) => browser.storage.local.set({ [LAST_BACKUP_AT]: at }),
  async last() {
    const value: unknown = (await browser.storage.local.get(LAST_BACKUP_AT))[LAST_BACKUP_AT];
    return typeof value === 'number' ? value : null;
  },
};
