/** Automatic backups (page) and the popup's reminder; the work is in ../backup/auto-backup.ts. */
import { isKeep, isSchedule, MIN_BACKUP_PASSWORD } from '../../core/auto-backup/policy';
import { TwostepError } from '../../core/errors';
import type { AutoBackupChange } from '../../shared/protocol';
import type { AutoBackup } from '../backup/auto-backup';
import { inBackground } from '../log';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull, expectObject, expectString } from '../validate';
import { MAX_SECRET } from './vault-lock';

function need(autoBackup: AutoBackup | undefined): AutoBackup {
  if (!autoBackup) throw new TwostepError('internal', 'automatic backups are not wired');
  return autoBackup;
}

const optional = (value: unknown, field: string): string | null => (value === null || value === undefined ? null : expectString(value, field, MAX_SECRET));

export function parseAutoBackupChange(arg: unknown): AutoBackupChange {
  const { enabled, schedule, keep, password, secret } = expectObject(arg, ['enabled', 'schedule', 'keep', 'password', 'secret']);
  if (typeof enabled !== 'boolean') throw new TwostepError('bad_request', 'enabled must be true or false');
  if (!isSchedule(schedule)) throw new TwostepError('bad_request', 'unknown schedule');
  if (!isKeep(keep)) throw new TwostepError('bad_request', 'keep is out of range');
  const change = { enabled, schedule, keep, password: optional(password, 'password'), secret: optional(secret, 'secret') };
  if (change.password !== null && [...change.password].length < MIN_BACKUP_PASSWORD) throw new TwostepError('backup_password_weak');
  return change;
}

export const autoBackupGet = ({ autoBackup }: Services): Handler<'autoBackup.get'> => ({
  from: ['extension'],
  parse: expectNull,
  run: () => need(autoBackup).status(),
});

/**
 * A new password sets up a stream of exports of every secret: with a PIN set, it costs the PIN, checked
 * and throttled as for unlocking (someone at an unlocked computer must not point backups at a password
 * of their own). Schedule, number kept and turning off need nothing more.
 */
export const autoBackupSet = ({ autoBackup, vault }: Services): Handler<'autoBackup.set'> => ({
  from: ['extension'],
  parse: parseAutoBackupChange,
  async run({ password, secret, ...settings }) {
    const backups = need(autoBackup);
    const key = settings.enabled ? password : null;
    if (key !== null && (await vault.pinKind()) !== null) {
      if (secret === null || secret === '') throw new TwostepError('pin_needed');
      await vault.confirmSecret(secret);
    }
    const { writeNow } = await backups.configure(settings, key);
    if (writeNow) inBackground('automatic backup', () => backups.runNow());
    return backups.status();
  },
});

export const autoBackupRunNow = ({ autoBackup }: Services): Handler<'autoBackup.runNow'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    await need(autoBackup).runNow();
    return need(autoBackup).status();
  },
});

export const backupReminderGet = ({ autoBackup, vault }: Services): Handler<'backupReminder.get'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    const { accounts } = await vault.read();
    return { due: await need(autoBackup).reminder(accounts.length) };
  },
});

export const backupReminderDismiss = ({ autoBackup }: Services): Handler<'backupReminder.dismiss'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    await need(autoBackup).dismissReminder();
    return null;
  },
});
