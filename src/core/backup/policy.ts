/** What the page and the worker agree on about backups: the password floor and the file's name. */

/**
 * The worker's floor, in characters. The page's own bar is higher (zxcvbn score 4, see
 * src/manage/backup/strength.ts); this only stops a page that skipped its meter from sealing every
 * secret under "1234".
 */
export const MIN_BACKUP_PASSWORD = 8;

/** `twostep-backup-YYYY-MM-DD.json`, by the local date of `now` (what the user sees on their calendar). */
export function backupFileName(now: number): string {
  const d = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `twostep-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}
