/**
 * Which automatic backups to remove: only files Twostep recorded writing itself, and of those all but
 * the newest `keep`. Pure, so the choice is tested apart from the downloads API.
 */
import { BACKUP_FOLDER } from './policy';

/** A file the worker wrote, by its download id (ids are what `downloads.search` finds it by). */
export interface WrittenFile {
  id: number;
  at: number;
}

/** The newest `keep` files stay; the rest expire. Order of the input does not matter. */
export function rotate(files: readonly WrittenFile[], keep: number): { kept: WrittenFile[]; expired: WrittenFile[] } {
  const newestFirst = [...files].sort((a, b) => b.at - a.at || b.id - a.id);
  return { kept: newestFirst.slice(0, Math.max(0, keep)), expired: newestFirst.slice(Math.max(0, keep)) };
}

/** The parts of a `downloads.DownloadItem` the check reads. */
export interface DownloadFacts {
  byExtensionId?: string;
  filename: string;
}

const NAME = /^twostep-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?: \(\d+\))?\.json$/;

/**
 * A last check before removing a file by a recorded id: it must have been downloaded by this extension
 * and still be one of our names in our folder (Chromium adds " (1)" for `conflictAction: 'uniquify'`).
 * An id reused after the download history was cleared, or a file the user renamed, is left alone.
 */
export function isOurBackup(item: DownloadFacts, extensionId: string): boolean {
  if (item.byExtensionId !== extensionId) return false;
  const parts = item.filename.split(/[\\/]/);
  const name = parts.at(-1) ?? '';
  const folder = parts.at(-2) ?? '';
  return folder === BACKUP_FOLDER && NAME.test(name);
}
