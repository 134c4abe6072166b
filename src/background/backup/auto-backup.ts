/**
 * Automatic backups: an encrypted file in Downloads/Twostep backups a minute after the last change and
 * at least once per day or week, the last N kept. The key comes from the vault (sealed under the vault
 * key, vault/backup-key.ts), so no password is asked each time; while the vault is locked a due backup
 * waits for the next unlock. Everything that must outlive the worker is in storage.local and in alarms:
 * a stopped worker forgets nothing, and `catchUp` at start and unlock finds what fell due meanwhile.
 */
import { deriveBackupKey, newBackupKdf, sealBackupWithKey, type Argon2 } from '../../core/backup';
import {
  BACKUP_FOLDER,
  CHANGE_DELAY_MS,
  backupFileName,
  changedSinceBackup,
  dueReason,
  nextScheduledAt,
  type AutoBackupSettings,
} from '../../core/auto-backup/policy';
import { reminderDue } from '../../core/auto-backup/reminder';
import { TwostepError, type ErrorCode } from '../../core/errors';
import type { RandomBytes } from '../../core/vault/crypto';
import type { AutoBackupStatus } from '../../shared/protocol';
import type { Vault } from '../vault/vault';
import type { AlarmsPort, AutoBackupStore, DownloadsPort } from './ports';
import { pruneFiles } from './prune';

export const CHANGE_ALARM = 'twostep-backup-change';
export const SCHEDULE_ALARM = 'twostep-backup-schedule';

export interface AutoBackupDeps {
  vault: Pick<Vault, 'isLocked' | 'read' | 'backupKey' | 'setBackupKey'>;
  store: AutoBackupStore;
  downloads: DownloadsPort;
  alarms: AlarmsPort;
  now: () => number;
  random: RandomBytes;
  /** Argon2id for the one derivation when the password is set; tests pass a cheap one. */
  argon2?: Argon2;
}

const always = (): Promise<boolean> => Promise.resolve(true);

type Outcome = 'written' | 'off' | 'locked' | 'not_due' | { failed: ErrorCode };

export class AutoBackup {
  /** One run at a time: two alarms at once must not write two files or rotate the same list twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AutoBackupDeps) {}

  /** The vault committed a write. Counter steps alone wait for the next backup: one file per HOTP code is noise. */
  async vaultChanged(what: 'accounts' | 'counter'): Promise<void> {
    if (what === 'counter') return;
    const { store, alarms, now } = this.deps;
    const at = now();
    await store.markChanged(at);
    // Each change moves the alarm on, so a run of edits or an import makes one file.
    if ((await store.settings()).enabled) await alarms.at(CHANGE_ALARM, at + CHANGE_DELAY_MS);
  }

  /** An alarm fired: the alarm itself is the wait, so a change alarm backs up if the change is not in a file yet. */
  async alarm(name: string): Promise<void> {
    if (name === CHANGE_ALARM) await this.serial(() => this.backUpIf(async () => changedSinceBackup(await this.deps.store.changedAt(), await this.deps.store.record())));
    if (name === SCHEDULE_ALARM) await this.serial(() => this.backUpIf(always));
  }

  /**
   * At worker start, after an unlock, and when the permission arrives: sets the schedule's alarm if it
   * went missing (Chrome may drop alarms on a browser restart) and writes what fell due meanwhile.
   */
  async catchUp(): Promise<void> {
    const { store, alarms, now } = this.deps;
    const settings = await store.settings();
    if (!settings.enabled) return;
    const record = await store.record();
    if (!(await alarms.pending(SCHEDULE_ALARM))) await alarms.at(SCHEDULE_ALARM, nextScheduledAt(record, settings.schedule, now()));
    // Decided inside the queue, so catch-ups that start together (a worker start and an unlock) write
    // one file between them, not one each.
    await this.serial(() =>
      this.backUpIf(async () => {
        const current = await store.record();
        // A backup that waited for this unlock is written now, whatever the clock says.
        if (current.waiting && !(await this.deps.vault.isLocked())) return true;
        const input = { changedAt: await store.changedAt(), record: current, schedule: settings.schedule, changeAlarmPending: await alarms.pending(CHANGE_ALARM) };
        return dueReason(input, now()) !== null;
      }),
    );
  }

  /** "Back up now" on the page: writes a file whether or not one is due; a failure is the reply. */
  async runNow(): Promise<void> {
    const outcome = await this.serial(() => this.backUpIf(always));
    if (outcome === 'off') throw new TwostepError('bad_request', 'automatic backups are off');
    if (outcome === 'locked') throw new TwostepError('vault_locked');
    if (typeof outcome === 'object') throw new TwostepError(outcome.failed);
  }

  /**
   * Turns automatic backups on or off or changes how they run. A password (checked by the caller)
   * gives a new key, derived once here; turning off removes the key. Returns once the settings are
   * saved; the first file (after turning on or a new password) is written in the background.
   */
  async configure(next: AutoBackupSettings, password: string | null): Promise<{ writeNow: boolean }> {
    const { vault, store, alarms, random } = this.deps;
    if (!next.enabled) {
      await vault.setBackupKey(null);
      await store.saveSettings(next);
      await Promise.all([alarms.clear(CHANGE_ALARM), alarms.clear(SCHEDULE_ALARM)]);
      return { writeNow: false };
    }
    if (password !== null) {
      const kdf = newBackupKdf(random);
      await vault.setBackupKey({ key: await deriveBackupKey(password, kdf, this.deps.argon2), kdf });
    } else if ((await vault.backupKey()) === null) {
      throw new TwostepError('backup_key_missing');
    }
    const before = await store.settings();
    await store.saveSettings(next);
    // A new schedule counts from the last backup; fewer files to keep applies at once.
    if (before.schedule !== next.schedule) await alarms.clear(SCHEDULE_ALARM);
    if (next.keep < before.keep) await this.serial(() => pruneFiles(this.deps, next.keep));
    return { writeNow: password !== null || !before.enabled };
  }

  async status(): Promise<AutoBackupStatus> {
    const { store, vault, downloads } = this.deps;
    const [settings, record, permitted] = await Promise.all([store.settings(), store.record(), downloads.permitted()]);
    const hasKey = settings.enabled && (await vault.backupKey().then((k) => k !== null, () => false));
    return { ...settings, hasKey, permitted, lastAt: record.lastAt, lastError: record.lastError, waiting: record.waiting, folder: BACKUP_FOLDER };
  }

  /** Whether the popup shows its quiet "back up" line. */
  async reminder(accountCount: number): Promise<boolean> {
    const { store } = this.deps;
    const [settings, record, changedAt, backedUpAt, dismissedAt] = await Promise.all([store.settings(), store.record(), store.changedAt(), store.backedUpAt(), store.dismissedAt()]);
    return reminderDue({ accountCount, changedAt, backedUpAt, dismissedAt, automatic: settings.enabled && record.lastError === null });
  }

  dismissReminder(): Promise<void> {
    return this.deps.store.dismiss(this.deps.now());
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async backUpIf(due: () => Promise<boolean>): Promise<Outcome> {
    const { store, vault, downloads, now } = this.deps;
    const settings = await store.settings();
    if (!settings.enabled) return 'off';
    if (!(await due())) return 'not_due';
    if (await vault.isLocked()) {
      await store.saveRecord({ ...(await store.record()), waiting: true });
      return 'locked';
    }
    const failed = async (code: ErrorCode): Promise<Outcome> => {
      await store.saveRecord({ ...(await store.record()), lastError: code });
      return { failed: code };
    };
    if (!(await downloads.permitted())) return failed('backup_no_permission');
    const key = await vault.backupKey().catch(() => null);
    if (!key) return failed('backup_key_missing');
    const startedAt = now();
    const { accounts } = await vault.read();
    const bytes = await sealBackupWithKey(accounts, key.key, key.kdf, { now: startedAt, random: this.deps.random });
    key.key.fill(0);
    let id: number;
    try {
      id = await downloads.start(backupFileName(startedAt), bytes);
    } catch {
      return failed('backup_write_failed');
    }
    // Recorded before waiting, so a worker stopped now still knows this file is ours to rotate later.
    const before = await store.record();
    await store.saveRecord({ ...before, files: [...before.files, { id, at: startedAt }] });
    if (!(await downloads.finished(id))) {
      await downloads.erase(id).catch(() => undefined);
      const record = await store.record();
      await store.saveRecord({ ...record, files: record.files.filter((f) => f.id !== id) });
      return failed('backup_write_failed');
    }
    const at = now();
    await store.saveRecord({ ...(await store.record()), coveredAt: startedAt, lastAt: at, lastError: null, waiting: false });
    await store.markBackedUp(at);
    await pruneFiles(this.deps, settings.keep);
    await this.deps.alarms.at(SCHEDULE_ALARM, nextScheduledAt({ coveredAt: startedAt, lastAt: at }, settings.schedule, at));
    return 'written';
  }
}
