/** When automatic backups fall due, what they are called, which files go, and when the popup reminds. */
import { describe, expect, it } from 'vitest';
import { backupFileName, changedSinceBackup, dueReason, nextScheduledAt, parseAutoBackupSettings, PERIOD_MS } from '../../../src/core/auto-backup/policy';
import { reminderDue } from '../../../src/core/auto-backup/reminder';
import { isOurBackup, rotate } from '../../../src/core/auto-backup/rotation';

const T = Date.UTC(2026, 11, 1, 23, 30, 5, 123);
const DAY = PERIOD_MS.daily;
const ID = 'lobokkdliegogheaenhmbeogjimongej';

describe('automatic backup decisions', () => {
  it('names files by UTC time without colons, inside the backup folder', () => {
    expect(backupFileName(T)).toBe('Twostep backups/twostep-backup-2026-12-01T23-30-05Z.json');
  });

  it('reads stored settings leniently: off, weekly, five files unless a valid value says otherwise', () => {
    expect(parseAutoBackupSettings(undefined)).toEqual({ enabled: false, schedule: 'weekly', keep: 5 });
    expect(parseAutoBackupSettings({ enabled: true, schedule: 'hourly', keep: 0 })).toEqual({ enabled: true, schedule: 'weekly', keep: 5 });
    expect(parseAutoBackupSettings({ enabled: true, schedule: 'daily', keep: 12 })).toEqual({ enabled: true, schedule: 'daily', keep: 12 });
  });

  it('a change is pending until a backup read the accounts after it', () => {
    expect(changedSinceBackup(null, { coveredAt: null, lastAt: null })).toBe(false);
    expect(changedSinceBackup(T, { coveredAt: null, lastAt: null })).toBe(true);
    expect(changedSinceBackup(T, { coveredAt: T + 1, lastAt: T + 5 })).toBe(false);
    // Same millisecond: back up once more rather than leave the change out.
    expect(changedSinceBackup(T, { coveredAt: T, lastAt: T + 5 })).toBe(true);
  });

  it('without an alarm left, a lost change or a passed schedule is due; a pending change alarm is waited for', () => {
    const record = { coveredAt: T, lastAt: T };
    const base = { changedAt: T - 1, record, schedule: 'daily' as const, changeAlarmPending: false };
    expect(dueReason(base, T + 1000)).toBeNull();
    expect(dueReason({ ...base, changedAt: T + 10 }, T + 1000)).toBe('change');
    expect(dueReason({ ...base, changedAt: T + 10, changeAlarmPending: true }, T + 1000)).toBeNull();
    expect(dueReason(base, T + DAY - 1)).toBeNull();
    expect(dueReason(base, T + DAY)).toBe('schedule');
    expect(dueReason({ ...base, schedule: 'weekly' }, T + DAY)).toBeNull();
    // Never written yet (turned on while the permission was missing): due now.
    expect(dueReason({ ...base, changedAt: null, record: { coveredAt: null, lastAt: null } }, T)).toBe('schedule');
  });

  it('a clock set back does not push the next scheduled backup beyond one period from now', () => {
    expect(nextScheduledAt({ coveredAt: T, lastAt: T }, 'daily', T + 5)).toBe(T + DAY);
    expect(nextScheduledAt({ coveredAt: T, lastAt: T + 30 * DAY }, 'daily', T)).toBe(T + DAY);
    expect(nextScheduledAt({ coveredAt: null, lastAt: null }, 'weekly', T)).toBe(T);
  });
});

describe('rotation', () => {
  const files = [5, 1, 4, 2, 3].map((n) => ({ id: n * 10, at: T + n }));

  it('keeps the newest N, whatever order they were recorded in', () => {
    const { kept, expired } = rotate(files, 3);
    expect(kept.map((f) => f.id)).toEqual([50, 40, 30]);
    expect(expired.map((f) => f.id)).toEqual([20, 10]);
    expect(rotate(files, 10).expired).toEqual([]);
  });

  it('touches only our names in our folder, downloaded by this extension', () => {
    const ours = { byExtensionId: ID, filename: '/home/u/Downloads/Twostep backups/twostep-backup-2026-12-01T23-30-05Z.json' };
    expect(isOurBackup(ours, ID)).toBe(true);
    expect(isOurBackup({ ...ours, filename: 'C:\\Users\\u\\Downloads\\Twostep backups\\twostep-backup-2026-12-01T23-30-05Z (1).json' }, ID)).toBe(true);
    expect(isOurBackup({ ...ours, byExtensionId: 'another' }, ID)).toBe(false);
    expect(isOurBackup({ filename: ours.filename }, ID)).toBe(false);
    expect(isOurBackup({ ...ours, filename: '/home/u/Downloads/twostep-backup-2026-12-01T23-30-05Z.json' }, ID)).toBe(false);
    expect(isOurBackup({ ...ours, filename: '/home/u/Downloads/Twostep backups/my-notes.json' }, ID)).toBe(false);
  });
});

describe('the popup reminder', () => {
  const base = { accountCount: 3, changedAt: T, backedUpAt: T - 10, dismissedAt: null, automatic: false };

  it('shows after a change since the last backup, and not after a backup or a dismissal', () => {
    expect(reminderDue(base)).toBe(true);
    expect(reminderDue({ ...base, backedUpAt: T + 1 })).toBe(false);
    expect(reminderDue({ ...base, dismissedAt: T + 1 })).toBe(false);
    // Dismissed, then changed again: back.
    expect(reminderDue({ ...base, dismissedAt: T - 5 })).toBe(true);
  });

  it('stays quiet with no accounts, or while automatic backups work', () => {
    expect(reminderDue({ ...base, accountCount: 0 })).toBe(false);
    expect(reminderDue({ ...base, automatic: true })).toBe(false);
  });

  it('a vault never backed up counts as changed, until dismissed', () => {
    expect(reminderDue({ ...base, changedAt: null, backedUpAt: null })).toBe(true);
    expect(reminderDue({ ...base, changedAt: null, backedUpAt: null, dismissedAt: T })).toBe(false);
    expect(reminderDue({ ...base, changedAt: null })).toBe(false);
  });
});
