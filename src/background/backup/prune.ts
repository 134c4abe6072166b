/** Rotation of automatic backups on disk: the choice is core/auto-backup/rotation.ts, the deleting is here. */
import { isOurBackup, rotate, type WrittenFile } from '../../core/auto-backup/rotation';
import type { AutoBackupStore, DownloadsPort } from './ports';

/** Removes the files beyond the newest `keep` that this extension wrote, and their history entries. */
export async function pruneFiles({ store, downloads }: { store: AutoBackupStore; downloads: DownloadsPort }, keep: number): Promise<void> {
  if (!(await downloads.permitted())) return;
  const { kept, expired } = rotate((await store.record()).files, keep);
  const stuck: WrittenFile[] = [];
  for (const file of expired) if (!(await removeOne(downloads, file))) stuck.push(file);
  await store.saveRecord({ ...(await store.record()), files: [...kept, ...stuck] });
}

/** True when the file is gone or is no longer ours to touch; false to try again next time. */
async function removeOne(downloads: DownloadsPort, file: WrittenFile): Promise<boolean> {
  const item = await downloads.find(file.id).catch(() => undefined);
  if (item === undefined) return false;
  // No history entry, or one that is not our file any more (another download's id, a renamed file): leave it.
  if (item === null || !isOurBackup(item, downloads.extensionId)) return true;
  if (item.state === 'in_progress') return false;
  // Already deleted by the user: removeFile rejects, and the history entry still goes.
  await downloads.removeFile(file.id).catch(() => undefined);
  return downloads.erase(file.id).then(() => true, () => false);
}
