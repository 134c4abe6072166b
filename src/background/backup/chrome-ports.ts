/** The browser side of automatic backups: storage.local, the `downloads` API and alarms. */
import browser from 'webextension-polyfill';
import { parseAutoBackupSettings } from '../../core/auto-backup/policy';
import type { WrittenFile } from '../../core/auto-backup/rotation';
import { isErrorCode } from '../../core/errors';
import { downloadUrl } from './download-url';
import { NO_RUNS, type AlarmsPort, type AutoBackupStore, type DownloadsPort, type RunRecord } from './ports';

const SETTINGS = 'autoBackup';
const RECORD = 'autoBackupRecord';
const CHANGED = 'accountsChangedAt';
/** Shared with the manual backup in the Backup section, which records it too. */
export const LAST_BACKUP = 'lastBackupAt';
const DISMISSED = 'backupReminderDismissedAt';

const time = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

async function read(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

function parseRecord(value: unknown): RunRecord {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const files = Array.isArray(v.files)
    ? v.files.filter((f): f is WrittenFile => Number.isSafeInteger((f as WrittenFile | null)?.id) && time((f as WrittenFile).at) !== null)
    : [];
  return { coveredAt: time(v.coveredAt), lastAt: time(v.lastAt), lastError: isErrorCode(v.lastError) ? v.lastError : null, waiting: v.waiting === true, files };
}

export const localAutoBackupStore: AutoBackupStore = {
  settings: async () => parseAutoBackupSettings(await read(SETTINGS)),
  saveSettings: (value) => browser.storage.local.set({ [SETTINGS]: value }),
  record: async () => ({ ...NO_RUNS, ...parseRecord(await read(RECORD)) }),
  saveRecord: (value) => browser.storage.local.set({ [RECORD]: value }),
  changedAt: async () => time(await read(CHANGED)),
  markChanged: (at) => browser.storage.local.set({ [CHANGED]: at }),
  backedUpAt: async () => time(await read(LAST_BACKUP)),
  markBackedUp: (at) => browser.storage.local.set({ [LAST_BACKUP]: at }),
  dismissedAt: async () => time(await read(DISMISSED)),
  dismiss: (at) => browser.storage.local.set({ [DISMISSED]: at }),
};

const FINISH_POLL_MS = 100;
const FINISH_TIMEOUT_MS = 60_000;

/** The file goes as a data: URL on Chrome, a blob: URL on Firefox (download-url.ts). */
export const chromeDownloads: DownloadsPort = {
  extensionId: browser.runtime.id,
  permitted: () => browser.permissions.contains({ permissions: ['downloads'] }),
  start: (filename, bytes) =>
    browser.downloads.download({ url: downloadUrl(bytes), filename, saveAs: false, conflictAction: 'uniquify' }),
  async finished(id) {
    const deadline = Date.now() + FINISH_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const [item] = await browser.downloads.search({ id });
      if (!item || item.state === 'interrupted') return false;
      if (item.state === 'complete') return true;
      await new Promise((resolve) => setTimeout(resolve, FINISH_POLL_MS));
    }
    return false;
  },
  async find(id) {
    const [item] = await browser.downloads.search({ id });
    return item ? { filename: item.filename, state: item.state, ...(item.byExtensionId ? { byExtensionId: item.byExtensionId } : {}) } : null;
  },
  removeFile: (id) => browser.downloads.removeFile(id),
  erase: async (id) => void (await browser.downloads.erase({ id })),
};

export const chromeAlarms: AlarmsPort = {
  at: async (name, when) => browser.alarms.create(name, { when }),
  clear: async (name) => void (await browser.alarms.clear(name)),
  pending: async (name) => (await browser.alarms.get(name)) !== undefined,
};
