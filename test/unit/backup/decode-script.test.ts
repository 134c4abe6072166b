/**
 * scripts/decode-backup.mjs, the reference decoder that needs nothing but node: its own BLAKE2b and
 * Argon2id agree with node's BLAKE2b and hash-wasm's Argon2id, and run as a program it decodes the
 * documented vector and a file Twostep wrote with its real costs to the same otpauth URIs Twostep
 * shows.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_KDF, sealBackup } from '../../../src/core/backup';
import { formatOtpauthUri } from '../../../src/core/otpauth-uri';
import { SAMPLE } from './helpers';
import { vectorBlock, VECTOR } from './vector';

const SCRIPT = fileURLToPath(new URL('../../../scripts/decode-backup.mjs', import.meta.url));

interface Decoder {
  blake2b(input: Uint8Array, length?: number): Uint8Array;
  argon2id(password: Uint8Array, salt: Uint8Array, cost: { m: number; t: number; p: number; length: number }): Uint8Array;
}
const decoder = (await import(SCRIPT)) as Decoder;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Runs the script on `text` with `password` on stdin. */
export function runDecoder(text: string, password: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'twostep-decode-')), 'backup.json');
  writeFileSync(path, text);
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SCRIPT, path], { timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    child.stdin?.end(`${password}\n`);
  });
}

describe('decode-backup.mjs', () => {
  it('its BLAKE2b equals node’s blake2b512 on any input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (input) => hex(decoder.blake2b(input)) === createHash('blake2b512').update(input).digest('hex')), { numRuns: 200 });
  });

  it('its Argon2id equals hash-wasm’s for random passwords, salts and costs (lanes, passes, lengths)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.uint8Array({ minLength: 8, maxLength: 32 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 4, max: 130 }), async (password, salt, p, t, extra, length) => {
        const m = 8 * p + extra;
        const ours = hex(decoder.argon2id(password, salt, { m, t, p, length }));
        expect(ours).toBe(await argon2id({ password, salt, iterations: t, memorySize: m, parallelism: p, hashLength: length, outputType: 'hex' }));
      }),
      { numRuns: 40 },
    );
    expect(hex(decoder.argon2id(Buffer.from(VECTOR.password), VECTOR.kdf.salt, { m: 1024, t: 3, p: 1, length: 32 }))).toBe(VECTOR.key);
  }, 60_000);

  it('run as a program, decodes the documented vector to otpauth URIs on stdout; a wrong password fails', async () => {
    const file = vectorBlock('file');
    const accounts = (JSON.parse(vectorBlock('plaintext')) as { accounts: Parameters<typeof formatOtpauthUri>[0][] }).accounts;
    const { code, stdout } = await runDecoder(file, VECTOR.password);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(accounts.map(formatOtpauthUri));
    const wrong = await runDecoder(file, 'not it');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain('wrong password');
  }, 60_000);

  it('decodes a file Twostep wrote with its real costs (64 MiB, 3 passes)', async () => {
    const bytes = await sealBackup(SAMPLE, 'pässwörd for the script', { now: Date.now(), random: (n) => new Uint8Array(randomBytes(n)) });
    expect(new TextDecoder().decode(bytes)).toContain(`"memoryKiB": ${DEFAULT_BACKUP_KDF.memoryKiB}`);
    const { code, stdout } = await runDecoder(new TextDecoder().decode(bytes), 'pässwörd for the script');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(SAMPLE.map(formatOtpauthUri));
  }, 120_000);
});
