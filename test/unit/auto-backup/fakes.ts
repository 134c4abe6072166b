/** The browser's side of automatic backups in memory: storage, a download folder and alarms. */
import type { AlarmsPort, AutoBackupStore, DownloadItemFacts, DownloadsPort, RunRecord } from '../../../src/background/backup/ports';
import { NO_RUNS } from '../../../src/background/backup/ports';
import { DEFAULT_AUTO_BACKUP, type AutoBackupSettings } from '../../../src/core/auto-backup/policy';

export const EXTENSION_ID = 'lobokkdliegogheaenhmbeogjimongej';

export function memoryStore(): AutoBackupStore & { values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  const get = <T>(key: string, fallback: T): Promise<T> => Promise.resolve(structuredClone((values[key] as T | undefined) ?? fallback));
  const set = (key: string, value: unknown): Promise<void> => {
    values[key] = structuredClone(value);
    return Promise.resolve();
  };
  return {
    values,
    settings: () => get<AutoBackupSettings>('settings', DEFAULT_AUTO_BACKUP),
    saveSettings: (v) => set('settings', v),
    record: () => get<RunRecord>('record', NO_RUNS),
    saveRecord: (v) => set('record', v),
    changedAt: () => get<number | null>('changedAt', null),
    markChanged: (at) => set('changedAt', at),
    backedUpAt: () => get<number | null>('backedUpAt', null),
    markBackedUp: (at) => set('backedUpAt', at),
    dismissedAt: () => get<number | null>('dismissedAt', null),
    dismiss: (at) => set('dismissedAt', at),
  };
}

/** A download history and folder: `files` maps a file name to its bytes while it exists. */
export function memoryDownloads() {
  const items = new Map<number, DownloadItemFacts & { bytes: Uint8Array; exists: boolean }>();
  let nextId = 1;
  const port: DownloadsPort & { granted: boolean; items: typeof items; fail: boolean } = {
    extensionId: EXTENSION_ID,
    granted: true,
    fail: false,
    items,
    permitted: () => Promise.resolve(port.granted),
    start(filename, bytes) {
      const id = nextId++;
      items.set(id, { byExtensionId: EXTENSION_ID, filename: `/home/u/Downloads/${filename}`, state: port.fail ? 'interrupted' : 'complete', bytes, exists: !port.fail });
      return Promise.resolve(id);
    },
    finished: (id) => Promise.resolve(items.get(id)?.state === 'complete'),
    find: (id) => Promise.resolve(items.get(id) ?? null),
    removeFile(id) {
      const item = items.get(id);
      if (!item?.exists) return Promise.reject(new Error('file does not exist'));
      item.exists = false;
      return Promise.resolve();
    },
    erase(id) {
      items.delete(id);
      return Promise.resolve();
    },
  };
  /** Files on disk, oldest first. */
  const onDisk = () => [...items.values()].filter((i) => i.exists);
  /** Another download (the user's own) the history holds. */
  const foreign = (id: number, filename: string) => items.set(id, { filename, state: 'complete', bytes: new Uint8Array(), exists: true });
  return { port, onDisk, foreign };
}

export function memoryAlarms(): AlarmsPort & { set: Map<string, number> } {
  const set = new Map<string, number>();
  return {
    set,
    at: (name, when) => Promise.resolve(void set.set(name, when)),
    clear: (name) => Promise.resolve(void set.delete(name)),
    pending: (name) => Promise.resolve(set.has(name)),
  };
}
