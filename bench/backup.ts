/**
 * Backup figures (issue 9): sealing and restoring a 1,000-account backup with the real Argon2id
 * (64 MiB, 3 passes). In node: openBackup alone, readImport (what the import page runs), and the
 * vault write of the restored accounts (Vault.addMany on fake-indexeddb, one transaction). In the
 * extension: backup.create for 1,000 accounts, from the message to the file's text.
 */
import { performance } from 'node:perf_hooks';
import type { AccountInput } from '../src/core/account';
import { encodeBase32 } from '../src/core/base32';
import { openBackup, sealBackup } from '../src/core/backup';
import { readImport } from '../src/core/import';
import { platformRandom } from '../src/core/vault/crypto';
import { newFixture } from '../test/unit/background/vault-fixture';
import { launchExtension } from '../test/e2e/harness';

const N = 1000;
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;
const accounts: AccountInput[] = Array.from({ length: N }, (_, i) => ({
  kind: (['totp', 'hotp', 'steam'] as const)[i % 3] ?? 'totp',
  issuer: `Service ${i}`,
  name: `user${i}@example.com`,
  secret: encodeBase32(Uint8Array.from({ length: 20 }, (_, k) => (k === 0 ? i >> 8 : k === 1 ? i & 0xff : (i * 31 + k * 7) & 0xff))),
  algorithm: i % 3 === 2 ? 'SHA1' : 'SHA256',
  digits: i % 3 === 2 ? 5 : 6,
  period: 30,
  counter: i % 3 === 1 ? i : 0,
  sites: i % 2 === 0 ? [`site${i}.example`] : [],
}));

let t0 = performance.now();
const bytes = await sealBackup(accounts, 'violet tractor moon pickle', { now: Date.now(), random: platformRandom });
console.log(`Seal ${N} accounts (sealBackup, Argon2id 64 MiB in node): ${ms(t0)}, file ${(bytes.length / 1024).toFixed(0)} KiB`);

t0 = performance.now();
const opened = await openBackup(bytes, 'violet tractor moon pickle');
console.log(`Open a ${N}-account backup (openBackup): ${ms(t0)}`);

t0 = performance.now();
const result = await readImport({ name: 'twostep-backup.json', bytes }, 'violet tractor moon pickle');
const readMs = ms(t0);
const f = await newFixture();
const t1 = performance.now();
const { added } = await f.vault.addMany(result.kind === 'accounts' ? result.accounts : []);
console.log(`Restore ${N} accounts: readImport ${readMs} + vault write (one transaction, fake-indexeddb) ${ms(t1)} = ${ms(t0)} (${added.length} added, ${opened.accounts.length} read)`);

const ext = await launchExtension();
try {
  const page = await ext.openPopup();
  type Send = (method: string, arg: unknown) => Promise<unknown>;
  const send: Send = (method, arg) =>
    page.evaluate(([m, a]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ twostep: 1, method: m, arg: a }), [method, arg] as const);
  // What a restore writes once its preview is confirmed: every account in one accounts.import.
  const seeded = performance.now();
  const imported = (await send('accounts.import', { inputs: accounts })) as { ok: boolean; value?: { added: number } };
  if (!imported.ok || imported.value?.added !== N) throw new Error(`accounts.import failed: ${JSON.stringify(imported).slice(0, 200)}`);
  console.log(`restore's vault write in the extension's worker: accounts.import of ${N} accounts, one transaction: ${ms(seeded)}`);
  const times: number[] = [];
  for (let i = 0; i < 1; i++) {
    const t = performance.now();
    const reply = (await send('backup.create', { password: 'violet tractor moon pickle', secret: null })) as { ok: boolean; value?: { count: number } };
    if (!reply.ok || reply.value?.count !== N) throw new Error(`backup.create failed: ${JSON.stringify(reply).slice(0, 200)}`);
    times.push(performance.now() - t);
  }
  console.log(`backup.create of ${N} accounts in the extension's worker (PIN-less vault, Argon2id 64 MiB): ${times[0]?.toFixed(0)} ms`);
} finally {
  await ext.close({ discard: true });
}
