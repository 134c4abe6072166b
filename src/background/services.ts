/** What handlers work with: the vault, settings and the clock, passed in so tests can supply their own. */
import type { AutoLock } from './auto-lock';
import type { ClipboardPort } from './clipboard/clear';
import type { GrantPort } from './pending-grant';
import type { AutoBackup } from './backup/auto-backup';
import type { BackupLog } from './backup-log';
import type { FillPort } from './fill/port';
import type { ScanPort } from './scan/port';
import type { SettingsStore } from './settings-store';
import type { Vault } from './vault/vault';

export interface Services {
  vault: Vault;
  settings: SettingsStore;
  autoLock: AutoLock;
  now: () => number;
  /** Tabs, scripts and the unlock window for autofill (issue 5); absent in unit tests that do not fill. */
  fill?: FillPort;
  /** Tabs, capture, injection and session storage for QR enrolment (issue 4); absent in unit tests that do not scan. */
  scan?: ScanPort;
  /** Settings changes waiting for a permission prompt's answer; absent in unit tests that do not ask. */
  grants?: GrantPort;
  /** Clearing copied codes from the clipboard later; absent in unit tests that do not copy. */
  clipboard?: ClipboardPort;
  /** Automatic backups into the Downloads folder; absent in unit tests that do not back up. */
  autoBackup?: AutoBackup;
  /** The popup's codes view in storage.session (codes-view.ts); absent in unit tests. */
  codesView?: { refreshIfLow(): Promise<void> };
  /** When the last backup was made (storage.local); absent in unit tests that do not back up. */
  backups?: BackupLog;
}
