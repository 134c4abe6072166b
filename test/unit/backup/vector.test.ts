/**
 * The test vector of docs/backup-format.md, both ways: Twostep seals its plaintext into exactly the
 * documented file, and opens that file back (with the real Argon2id of hash-wasm) to the accounts.
 */
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import type { BackupAccount } from '../../../src/core/backup';
import { openBackup, sealBackup } from '../../../src/core/backup';
import { DOC, VECTOR, vectorBlock } from './vector';

describe('docs/backup-format.md test vector', () => {
  const plaintext = vectorBlock('plaintext');
  const file = vectorBlock('file');
  const accounts = (JSON.parse(plaintext) as { accounts: BackupAccount[] }).accounts;

  it('the documented key is Argon2id of the password with the documented parameters', async () => {
    const { kdf } = VECTOR;
    const key = await argon2id({ password: VECTOR.password, salt: kdf.salt, iterations: kdf.passes, memorySize: kdf.memoryKiB, parallelism: kdf.lanes, hashLength: 32, outputType: 'hex' });
    expect(key).toBe(VECTOR.key);
  });

  it('sealing the documented plaintext with the documented salt, IV and date gives exactly the documented file', async () => {
    expect(DOC).toContain(VECTOR.key);
    const bytes = await sealBackup(accounts, VECTOR.password, { now: VECTOR.now, random: () => VECTOR.iv.slice(), kdf: VECTOR.kdf });
    expect(new TextDecoder().decode(bytes)).toBe(`${file}\n`);
  });

  it('the documented file opens to the documented plaintext', async () => {
    const opened = await openBackup(new TextEncoder().encode(file), VECTOR.password);
    expect(opened).toEqual({ createdAt: '2026-12-02T00:00:00.000Z', accounts });
    expect(JSON.stringify({ accounts: opened.accounts })).toBe(plaintext);
  });
});
