/**
 * Automatic backups against a real vault (fake-indexeddb) and an in-memory download folder: what gets
 * written when, that each file opens with the password and holds every account, that only our own
 * files are rotated away, and that nothing is written while the vault is locked.
 */
import { describe, expect, it } from 'vitest';
import { AutoBackup, CHANGE_ALARM, SCHEDULE_ALARM } from '../../../src/background/backup/auto-backup';
import { autoBackupSet } from '../../../src/background/handlers/auto-backup';
import { openBackup } from '../../../src/core/backup';
import { CHANGE_DELAY_MS } from '../../../src/core/auto-backup/policy';
import { platformRandom } from '../../../src/core/vault/crypto';
import { cheapArgon2 } from '../backup/helpers';
import { codeOf, input, newFixture, testServices, type Fixture } from '../background/vault-fixture';
import { memoryAlarms, memoryDownloads, memoryStore } from './fakes';

const PASSWORD = 'a long backup password';
const ON = { enabled: true, schedule: 'daily', keep: 2 } as const;

async function setup(accounts = 2) {
  const f: Fixture = await newFixture();
  for (let i = 0; i < accounts; i++) await f.vault.add(input({ issuer: `Issuer ${i}`, secret: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'][i]! }));
  let t = Date.UTC(2026, 11, 1, 12);
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const store = memoryStore();
  const downloads = memoryDownloads();
  const alarms = memoryAlarms();
  const backups = new AutoBackup({ vault: f.vault, store, downloads: downloads.port, alarms, now: clock.now, random: platformRandom, argon2: cheapArgon2 });
  return { f, clock, store, downloads, alarms, backups };
}

const open = (bytes: Uint8Array, password = PASSWORD) => openBackup(bytes, password, { argon2: cheapArgon2 });

describe('automatic backups', () => {
  it('turned on, writes a file that opens with the password and holds every account', async () => {
    const { f, backups, downloads, clock } = await setup(3);
    await backups.configure(ON, PASSWORD);
    await backups.runNow();
    const [file] = downloads.onDisk();
    expect(file?.filename).toBe('/home/u/Downloads/Twostep backups/twostep-backup-2026-12-01T12-00-00Z.json');
    const opened = await open(file!.bytes);
    const { accounts } = await f.vault.read();
    expect(opened.accounts.map((a) => [a.issuer, a.secret])).toEqual(accounts.map((a) => [a.issuer, a.secret]));
    await expect(codeOf(open(file!.bytes, 'not the password'))).resolves.toBe('wrong_password');
    expect((await backups.status()).lastAt).toBe(clock.now());
  });

  it('a change arms an alarm a minute later; its alarm writes once, and only when something changed', async () => {
    const { backups, downloads, alarms, clock } = await setup();
    await backups.configure(ON, PASSWORD);
    await backups.runNow();
    clock.advance(5000);
    await backups.vaultChanged('accounts');
    expect(alarms.set.get(CHANGE_ALARM)).toBe(clock.now() + CHANGE_DELAY_MS);
    await backups.alarm(CHANGE_ALARM);
    expect(downloads.onDisk()).toHaveLength(2);
    await backups.alarm(CHANGE_ALARM);
    expect(downloads.onDisk()).toHaveLength(2);
    // An HOTP counter step alone arms nothing.
    alarms.set.delete(CHANGE_ALARM);
    await backups.vaultChanged('counter');
    expect(alarms.set.has(CHANGE_ALARM)).toBe(false);
  });

  it('catch-ups that start together (a worker start and an unlock) write one file between them', async () => {
    const { backups, downloads, alarms, clock } = await setup();
    await backups.configure({ ...ON, keep: 10 }, PASSWORD);
    await backups.runNow();
    clock.advance(5000);
    await backups.vaultChanged('accounts');
    // The worker stopped before the change alarm rang, and Chrome dropped it: the change is due at start.
    alarms.set.delete(CHANGE_ALARM);
    clock.advance(1);
    await Promise.all([backups.catchUp(), backups.catchUp(), backups.catchUp()]);
    expect(downloads.onDisk()).toHaveLength(2);
    await backups.catchUp();
    expect(downloads.onDisk()).toHaveLength(2);
  });

  it('keeps the newest N of its own files and never touches another download', async () => {
    const { backups, downloads, clock } = await setup();
    downloads.foreign(1000, '/home/u/Downloads/Twostep backups/twostep-backup-2020-01-01T00-00-00Z.json');
    await backups.configure(ON, PASSWORD);
    for (let i = 0; i < 3; i++) {
      await backups.runNow();
      clock.advance(60_000);
    }
    const names = downloads.onDisk().map((i) => i.filename.split('/').at(-1));
    expect(names).toEqual(['twostep-backup-2020-01-01T00-00-00Z.json', 'twostep-backup-2026-12-01T12-01-00Z.json', 'twostep-backup-2026-12-01T12-02-00Z.json']);
    // The removed one is gone from the history too.
    expect(downloads.port.items.has(1)).toBe(false);
    // Keeping fewer applies at once.
    await backups.configure({ ...ON, keep: 1 }, null);
    expect(downloads.onDisk().map((i) => i.filename.split('/').at(-1))).toEqual(['twostep-backup-2020-01-01T00-00-00Z.json', 'twostep-backup-2026-12-01T12-02-00Z.json']);
  });

  it('while locked writes nothing; the next unlock writes what fell due', async () => {
    const { f, backups, downloads, alarms } = await setup();
    await backups.configure(ON, PASSWORD);
    await f.vault.setPin('482916', 'pin', null);
    await f.vault.add(input({ issuer: 'Late', secret: 'MFRGGZDFMZTWQ2LK' }));
    await backups.vaultChanged('accounts');
    await f.vault.lock();
    await backups.alarm(CHANGE_ALARM);
    await backups.alarm(SCHEDULE_ALARM);
    await expect(codeOf(backups.runNow())).resolves.toBe('vault_locked');
    expect(downloads.onDisk()).toHaveLength(0);
    alarms.set.delete(CHANGE_ALARM);
    await f.vault.unlockWith('482916');
    await backups.catchUp();
    const [file] = downloads.onDisk();
    expect((await open(file!.bytes)).accounts.map((a) => a.issuer)).toContain('Late');
  });

  it('says why it could not write: no permission, a failed download; and recovers after', async () => {
    const { backups, downloads } = await setup();
    await backups.configure(ON, PASSWORD);
    downloads.port.granted = false;
    await expect(codeOf(backups.runNow())).resolves.toBe('backup_no_permission');
    downloads.port.granted = true;
    downloads.port.fail = true;
    await expect(codeOf(backups.runNow())).resolves.toBe('backup_write_failed');
    expect((await backups.status()).lastError).toBe('backup_write_failed');
    expect(downloads.port.items.size).toBe(0);
    downloads.port.fail = false;
    await backups.catchUp();
    expect(downloads.onDisk()).toHaveLength(1);
    expect((await backups.status()).lastError).toBeNull();
  });

  it('turning off removes the key and the alarms; on again needs a password', async () => {
    const { f, backups, alarms } = await setup();
    await backups.configure(ON, PASSWORD);
    await backups.catchUp();
    await backups.configure({ ...ON, enabled: false }, null);
    expect(await f.vault.backupKey()).toBeNull();
    expect(alarms.set.size).toBe(0);
    await expect(codeOf(backups.configure(ON, null))).resolves.toBe('backup_key_missing');
  });

  it('a new password costs the PIN when one is set; a short one is refused', async () => {
    const { f, backups } = await setup();
    const handler = autoBackupSet(testServices(f, Date.now, { autoBackup: backups }));
    const change = { ...ON, password: PASSWORD, secret: null };
    expect(() => handler.parse({ ...change, password: 'short' })).toThrow('backup_password_weak');
    await f.vault.setPin('482916', 'pin', null);
    await expect(codeOf(handler.run(handler.parse(change), null as never))).resolves.toBe('pin_needed');
    await expect(codeOf(handler.run(handler.parse({ ...change, secret: '000000' }), null as never))).resolves.toBe('pin_wrong');
    expect(await f.vault.backupKey()).toBeNull();
    await handler.run(handler.parse({ ...change, secret: '482916' }), null as never);
    expect(await f.vault.backupKey()).not.toBeNull();
  });
});
