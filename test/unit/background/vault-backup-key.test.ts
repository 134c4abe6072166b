/**
 * The automatic-backup key is kept sealed under the vault key: it opens whenever the vault does, is
 * never stored in the clear, survives a restarted worker and every PIN change (a first PIN re-keys the
 * vault), and is unreadable while locked.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_KEY_ROW, type BackupKey } from '../../../src/background/vault/backup-key';
import { Vault } from '../../../src/background/vault/vault';
import { platformRandom } from '../../../src/core/vault/crypto';
import { codeOf, input, newFixture } from './vault-fixture';

const KEY: BackupKey = {
  key: Uint8Array.from({ length: 32 }, (_, i) => i + 100),
  kdf: { name: 'argon2id', salt: Uint8Array.from({ length: 16 }, (_, i) => i), memoryKiB: 65536, passes: 3, lanes: 1 },
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('the automatic-backup key', () => {
  it('is stored sealed, never as its bytes, and opens again in a restarted worker', async () => {
    const f = await newFixture();
    expect(await f.vault.backupKey()).toBeNull();
    await f.vault.setBackupKey(KEY);
    const row = await f.db.get('state', BACKUP_KEY_ROW);
    const stored = Buffer.from(JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? hex(v) : v)));
    expect(stored.includes(hex(KEY.key))).toBe(false);
    expect(stored.includes(b64(KEY.key))).toBe(false);
    await expect(f.restartWorker().backupKey()).resolves.toEqual(KEY);
  });

  it('survives a first PIN (a new vault key), a PIN change and removing the PIN', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.setBackupKey(KEY);
    const before = (await f.db.get('meta', 'header'))!.vaultId;
    await f.vault.setPin('482916', 'pin', null);
    expect((await f.db.get('meta', 'header'))!.vaultId).not.toBe(before);
    await expect(f.vault.backupKey()).resolves.toEqual(KEY);
    // After a browser restart only the PIN opens it.
    await f.browserRestart();
    const restarted = f.restartWorker();
    await expect(codeOf(restarted.backupKey())).resolves.toBe('vault_locked');
    await restarted.unlockWith('482916');
    await expect(restarted.backupKey()).resolves.toEqual(KEY);
    await restarted.setPin('731904', 'pin', '482916');
    await expect(restarted.backupKey()).resolves.toEqual(KEY);
    await restarted.removePin('731904');
    await expect(f.restartWorker().backupKey()).resolves.toEqual(KEY);
  });

  it('cannot be read while the vault is locked, and is gone once removed', async () => {
    const f = await newFixture();
    await f.vault.setBackupKey(KEY);
    await f.vault.setPin('482916', 'pin', null);
    await f.vault.lock();
    await expect(codeOf(f.vault.backupKey())).resolves.toBe('vault_locked');
    await expect(codeOf(f.vault.setBackupKey(null))).resolves.toBe('vault_locked');
    await f.vault.unlockWith('482916');
    await f.vault.setBackupKey(null);
    expect(await f.db.get('state', BACKUP_KEY_ROW)).toBeUndefined();
    await expect(f.vault.backupKey()).resolves.toBeNull();
  });

  it('refuses a row that was changed on disk or copied from another vault', async () => {
    const a = await newFixture();
    const b = await newFixture();
    await a.vault.setBackupKey(KEY);
    await b.vault.setBackupKey(KEY);
    const row = structuredClone(await a.db.get('state', BACKUP_KEY_ROW))!;
    await b.db.put('state', row, BACKUP_KEY_ROW);
    await expect(codeOf(b.vault.backupKey())).resolves.toBe('record_tampered');
    const flipped = structuredClone(row) as { iv: Uint8Array; ct: Uint8Array };
    flipped.ct[0]! ^= 1;
    await a.db.put('state', flipped, BACKUP_KEY_ROW);
    await expect(codeOf(a.vault.backupKey())).resolves.toBe('record_tampered');
  });
});

describe('what the vault tells automatic backups', () => {
  it('every add, edit and removal is an accounts change; an HOTP counter step alone is a counter change', async () => {
    const f = await newFixture();
    const seen: string[] = [];
    const vault = new Vault({ db: () => Promise.resolve(f.db), keys: f.keys, anchor: f.anchor, random: platformRandom, now: Date.now, changed: (what) => void seen.push(what) });
    const hotp = await vault.add(input({ kind: 'hotp', counter: 3 }));
    await vault.update(hotp.id, (a) => ({ ...a, counter: a.counter + 1 }));
    await vault.update(hotp.id, (a) => ({ ...a, name: 'renamed' }));
    await vault.update(hotp.id, (a) => ({ ...a, sites: ['example.com'] }));
    // A duplicate adds nothing, and says nothing.
    await vault.addMany([input({ kind: 'hotp', counter: 3 })]);
    await vault.remove(hotp.id);
    expect(seen).toEqual(['accounts', 'counter', 'accounts', 'accounts', 'accounts']);
  });
});
