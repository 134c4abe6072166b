/**
 * backup.create: the page gets one encrypted file holding every account; with a PIN set it costs the
 * PIN again (counted like a wrong unlock); content scripts may not ask; the time is recorded.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { route, type RawSender } from '../../../src/background/router';
import { openBackup } from '../../../src/core/backup';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const page: RawSender = { id: ID, url: `chrome-extension://${ID}/src/manage/index.html` };
const content: RawSender = { id: ID, url: 'https://example.com/', tab: { id: 1 }, frameId: 0 };
const PIN = '482916';
const PASSWORD = 'violet tractor moon pickle';
const NOW = Date.UTC(2026, 11, 1, 12);

async function setup(pin: string | null) {
  const f = await newFixture();
  const recorded: number[] = [];
  const backups = { record: (at: number) => (recorded.push(at), Promise.resolve()), last: () => Promise.resolve(recorded.at(-1) ?? null) };
  const handlers = createHandlers(testServices(f, () => NOW, { backups }));
  await f.vault.addMany([input(), input({ kind: 'hotp', issuer: 'Bank', name: 'bob', secret: 'GEZDGNBVGY3TQOJQ', counter: 9, sites: ['bank.example'] })]);
  if (pin !== null) await f.vault.setPin(pin, 'pin', null);
  const create = (arg: unknown, sender: RawSender = page) => route({ twostep: 1, method: 'backup.create', arg }, sender, ID, handlers);
  return { f, create, recorded };
}

describe('backup.create', () => {
  it('without a PIN, gives a file that opens with the password to every account, and records the time', async () => {
    const { create, recorded } = await setup(null);
    const reply = await create({ password: PASSWORD, secret: null });
    if (!reply?.ok) throw new Error('backup.create failed');
    const value = reply.value as { file: string; name: string; count: number };
    expect(value.name).toMatch(/^twostep-backup-2026-12-0[12]\.json$/);
    expect(value.count).toBe(2);
    expect(value.file).not.toContain('JBSWY3DP');
    const opened = await openBackup(new TextEncoder().encode(value.file), PASSWORD);
    expect(opened.accounts.map((a) => [a.kind, a.issuer, a.name, a.secret, a.counter, a.sites])).toEqual([
      ['hotp', 'Bank', 'bob', 'GEZDGNBVGY3TQOJQ', 9, ['bank.example']],
      ['totp', 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', 0, []],
    ]);
    expect(recorded).toEqual([NOW]);
  }, 30_000);

  it('with a PIN, refuses without it (not a try), counts a wrong one, and works with the right one', async () => {
    const { f, create, recorded } = await setup(PIN);
    await expect(create({ password: PASSWORD, secret: null })).resolves.toMatchObject({ ok: false, error: { code: 'pin_needed' } });
    await expect(f.vault.throttle()).resolves.toEqual({ failures: 0, retryAt: null });
    const wrong = await create({ password: PASSWORD, secret: '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'pin_wrong', info: { failures: 1 } } });
    expect(recorded).toEqual([]);
    await expect(create({ password: PASSWORD, secret: PIN })).resolves.toMatchObject({ ok: true });
    expect(recorded).toEqual([NOW]);
  }, 60_000);

  it('refuses a password under the floor, a content script, and extra fields', async () => {
    const { create, recorded } = await setup(null);
    await expect(create({ password: 'short', secret: null })).resolves.toMatchObject({ ok: false, error: { code: 'backup_password_weak' } });
    await expect(create({ password: PASSWORD, secret: null }, content)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(create({ password: PASSWORD, secret: null, accounts: [] })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(recorded).toEqual([]);
  });
});
