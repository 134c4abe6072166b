/**
 * The backup format: a round trip, and every way a file can be wrong refused with its own code
 * (a wrong password, a changed header or ciphertext, a cut file, a newer version, a costly KDF).
 */
import { describe, expect, it } from 'vitest';
import { deriveBackupKey, newBackupKdf, openBackup, sealBackup, sealBackupWithKey } from '../../../src/core/backup';
import { codeOf } from '../import/helpers';
import { cheapArgon2, fixedRandom, SAMPLE } from './helpers';

const NOW = Date.UTC(2026, 11, 1, 23, 30);
const seal = (password = 'correct horse battery staple'): Promise<Uint8Array> => sealBackup(SAMPLE, password, { now: NOW, random: fixedRandom(), argon2: cheapArgon2 });
const open = (bytes: Uint8Array, password = 'correct horse battery staple'): ReturnType<typeof openBackup> => openBackup(bytes, password, { argon2: cheapArgon2 });
const edit = (bytes: Uint8Array, change: (file: Record<string, unknown>) => void): Uint8Array => {
  const file = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  change(file);
  return new TextEncoder().encode(JSON.stringify(file));
};

describe('backup format', () => {
  it('opens to exactly the accounts it sealed, with their dates, and records when it was made', async () => {
    const opened = await open(await seal());
    expect(opened.accounts).toEqual(SAMPLE);
    expect(opened.createdAt).toBe('2026-12-01T23:30:00.000Z');
  });

  it('keeps no issuer, account name, site or count in the clear', async () => {
    const text = new TextDecoder().decode(await seal());
    for (const word of ['Example', 'alice', 'Bank', 'steampowered', 'JBSWY3DP', 'count']) expect(text).not.toContain(word);
    expect(JSON.parse(text)).toMatchObject({ format: 'twostep-backup', version: 1, kdf: { name: 'argon2id', memoryKiB: 65536, passes: 3, lanes: 1 }, cipher: { name: 'aes-256-gcm' } });
  });

  it('a key derived once seals several files that each open with the password alone, each with its own IV', async () => {
    const kdf = newBackupKdf(fixedRandom(7));
    const key = await deriveBackupKey('pw for auto backups', kdf, cheapArgon2);
    const random = fixedRandom(9);
    const a = await sealBackupWithKey(SAMPLE, key, kdf, { now: NOW, random });
    const b = await sealBackupWithKey(SAMPLE.slice(0, 1), key, kdf, { now: NOW + 1000, random });
    expect((await open(a, 'pw for auto backups')).accounts).toEqual(SAMPLE);
    expect((await open(b, 'pw for auto backups')).accounts).toEqual(SAMPLE.slice(0, 1));
    const iv = (bytes: Uint8Array): unknown => (JSON.parse(new TextDecoder().decode(bytes)) as { cipher: { iv: string } }).cipher.iv;
    expect(iv(a)).not.toEqual(iv(b));
  });

  it('refuses a wrong password as wrong_password', async () => {
    expect(await codeOf(open(await seal(), 'Correct horse battery staple'))).toBe('wrong_password');
  });

  it('refuses a changed header field (date, IV) or ciphertext byte as backup_damaged', async () => {
    const bytes = await seal();
    expect(await codeOf(open(edit(bytes, (f) => (f.createdAt = '2020-01-01T00:00:00.000Z'))))).toBe('backup_damaged');
    expect(await codeOf(open(edit(bytes, (f) => ((f.cipher as { iv: string }).iv = 'AAAAAAAAAAAAAAAA'))))).toBe('backup_damaged');
    const flipped = edit(bytes, (f) => {
      const data = Buffer.from(f.data as string, 'base64');
      data[3] = (data[3] ?? 0) ^ 1;
      f.data = data.toString('base64');
    });
    expect(await codeOf(open(flipped))).toBe('backup_damaged');
  });

  it('refuses a file cut short, at any point, as backup_damaged', async () => {
    const bytes = await seal();
    for (const at of [30, 100, bytes.length / 2, bytes.length - 10]) {
      expect(await codeOf(open(bytes.subarray(0, Math.floor(at))))).toBe('backup_damaged');
    }
    // Cut inside the base64 data, but still valid JSON: the tag no longer matches.
    expect(await codeOf(open(edit(bytes, (f) => (f.data = (f.data as string).slice(0, 40)))))).toBe('backup_damaged');
  });

  it('refuses a newer version as backup_newer, and a KDF cost above the ceiling before running it', async () => {
    const bytes = await seal();
    expect(await codeOf(open(edit(bytes, (f) => (f.version = 2))))).toBe('backup_newer');
    let ran = 0;
    const counting: typeof cheapArgon2 = (...args) => (ran++, cheapArgon2(...args));
    for (const kdf of [{ memoryKiB: 4 * 1024 * 1024 }, { passes: 1000 }, { lanes: 64 }, { memoryKiB: 256 * 1024, passes: 17 }]) {
      const costly = edit(bytes, (f) => Object.assign(f.kdf as object, kdf));
      expect(await codeOf(openBackup(costly, 'x', { argon2: counting }))).toBe('import_kdf_too_costly');
    }
    expect(ran).toBe(0);
  });
});
