/** What automatic backups need from the browser, as interfaces, so the logic is tested without one. */
import type { AutoBackupSettings } from '../../core/auto-backup/policy';
import type { WrittenFile } from '../../core/auto-backup/rotation';
import type { ErrorCode } from '../../core/errors';

/** What the worker remembers between runs (storage.local; nothing secret). */
export interface RunRecord {
  /** When the accounts of the last automatic backup were read. */
  coveredAt: number | null;
  /** When the last automatic backup was completely written. */
  lastAt: number | null;
  /** Why the last attempt failed; null after a success. "Locked" is no failure: it waits. */
  lastError: ErrorCode | null;
  /** A backup fell due while the vault was locked: it is written at the next unlock. */
  waiting: boolean;
  /** The files it wrote and has not removed, by download id. */
  files: WrittenFile[];
}

export const NO_RUNS: RunRecord = { coveredAt: null, lastAt: null, lastError: null, waiting: false, files: [] };

export interface AutoBackupStore {
  settings(): Promise<AutoBackupSettings>;
  saveSettings(value: AutoBackupSettings): Promise<void>;
  record(): Promise<RunRecord>;
  saveRecord(value: RunRecord): Promise<void>;
  /** Last add, edit or removal of an account. */
  changedAt(): Promise<number | null>;
  markChanged(at: number): Promise<void>;
  /** Last backup of any kind: a manual one (the Backup section) writes it too. */
  backedUpAt(): Promise<number | null>;
  markBackedUp(at: number): Promise<void>;
  dismissedAt(): Promise<number | null>;
  dismiss(at: number): Promise<void>;
}

export interface DownloadItemFacts {
  byExtensionId?: string;
  filename: string;
  state: 'in_progress' | 'interrupted' | 'complete';
}

export interface DownloadsPort {
  /** This extension's id: a file is only ever removed when the browser says we downloaded it. */
  readonly extensionId: string;
  /** Whether the optional `downloads` permission is granted. */
  permitted(): Promise<boolean>;
  /** Starts writing `bytes` to `filename` (relative to the download directory); resolves with its id. */
  start(filename: string, bytes: Uint8Array): Promise<number>;
  /** Resolves true once the file is complete, false if the browser gave up on it. */
  finished(id: number): Promise<boolean>;
  find(id: number): Promise<DownloadItemFacts | null>;
  /** Deletes the file from disk (rejects when it is already gone) ... */
  removeFile(id: number): Promise<void>;
  /** ... and then its entry in the download history. */
  erase(id: number): Promise<void>;
}

export interface AlarmsPort {
  at(name: string, when: number): Promise<void>;
  clear(name: string): Promise<void>;
  pending(name: string): Promise<boolean>;
}
