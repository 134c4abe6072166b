/**
 * Locking wipes what it must and happens once: after the idle lock, later calls report "locked" (not
 * "scan again" because each call locked anew and forgot the scan), an unlock works and starts a fresh
 * deadline; and every lock forgets pending scans.
 */
import { describe, expect, it } from 'vitest';
import { AutoLock } from '../../../src/background/auto-lock';
import { createHandlers } from '../../../src/background/handlers';
import { messageListener, type RawSender } from '../../../src/background/router';
import type { PendingScan } from '../../../src/background/scan/pending';
import type { ScanPort } from '../../../src/background/scan/port';
import { input, memorySettings, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const picker: RawSender = { id: ID, url: 'https://github.com/setup', origin: 'https://github.com', tab: { id: 7 }, frameId: 0 };
const MINUTE = 60_000;
const PICK = { rect: null, devicePixelRatio: 1, foreignFrames: { inBox: false, inView: false } };
const CONFIRM = { issuer: null, name: null, trustMismatch: false, bindSuggested: [false] };

/** Session storage for scans, as the real port keeps it; `clearAll` is what a lock calls. */
class FakeScanPort implements ScanPort {
  stored = new Map<number, PendingScan>();
  start = () => Promise.resolve();
  tabUnderPopup = () => Promise.resolve(7);
  read = () => Promise.resolve({ text: 'otpauth://totp/GitHub:bob?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub', region: 'crop' as const });
  savePending = (tabId: number, p: PendingScan) => Promise.resolve(void this.stored.set(tabId, structuredClone(p)));
  loadPending = (tabId: number) => Promise.resolve(this.stored.get(tabId) ?? null);
  clearPending = (tabId: number) => Promise.resolve(void this.stored.delete(tabId));
  clearAll = () => Promise.resolve(this.stored.clear());
}

async function setup() {
  const f = await newFixture();
  await f.vault.add(input());
  await f.vault.setPin('1234', 'pin', null);
  let now = 1_700_000_000_000;
  let last: number | null = null;
  let locks = 0;
  const scan = new FakeScanPort();
  const settings = memorySettings();
  await settings.set({ autoLockMinutes: 15 });
  const autoLock = new AutoLock({
    vault: f.vault,
    settings,
    now: () => now,
    lastUse: { load: () => Promise.resolve(last), save: (at) => Promise.resolve(void (last = at)), clear: () => Promise.resolve(void (last = null)) },
    alarm: { at: () => Promise.resolve(), cancel: () => Promise.resolve() },
    forget: () => (locks++, scan.clearAll()),
    changed: () => Promise.resolve(),
  });
  const handlers = createHandlers({ ...testServices(f, () => now), settings, autoLock, scan });
  const listen = messageListener(ID, handlers, autoLock);
  const send = async (method: string, arg: unknown, sender: RawSender) => {
    const reply = await listen({ twostep: 1, method, arg }, sender);
    // The use is recorded after the reply; let it land so the clock below is the only thing moving.
    await new Promise((r) => setTimeout(r, 0));
    return reply;
  };
  return { f, scan, send, autoLock, advance: (ms: number) => (now += ms), locks: () => locks };
}

const codeOfReply = (reply: unknown): string => ((reply as { ok: boolean; error?: { code: string } }).ok ? 'ok' : (reply as { error: { code: string } }).error.code);

describe('idle lock', () => {
  it('locks once: a scan confirmed after it reports locked, and after an unlock the same scan is added', async () => {
    const t = await setup();
    await t.send('vault.state', null, popup); // the user's last use
    t.advance(16 * MINUTE);
    await t.autoLock.enforce(); // the idle alarm
    expect(await t.f.vault.isLocked()).toBe(true);
    expect(t.locks()).toBe(1);

    // The user scans a code while locked, then confirms it.
    expect(codeOfReply(await t.send('scan.pick', PICK, picker))).toBe('ok');
    expect(codeOfReply(await t.send('scan.confirm', CONFIRM, picker))).toBe('vault_locked');
    expect(t.locks()).toBe(1);

    // Unlocking works, and the scan is still there to confirm.
    expect(codeOfReply(await t.send('vault.unlock', { secret: '1234' }, popup))).toBe('ok');
    expect(codeOfReply(await t.send('scan.confirm', CONFIRM, picker))).toBe('ok');
    expect((await t.f.vault.read()).accounts).toHaveLength(2);

    // A fresh deadline from the unlock: open at 14 minutes, locked at 15.
    t.advance(14 * MINUTE);
    expect(codeOfReply(await t.send('scan.cancel', null, picker))).toBe('ok');
    expect(await t.f.vault.isLocked()).toBe(false);
    t.advance(MINUTE);
    expect(codeOfReply(await t.send('scan.cancel', null, picker))).toBe('ok');
    expect(await t.f.vault.isLocked()).toBe(true);
    expect(t.locks()).toBe(2);
  });

  it('a scan previewed before the idle lock is forgotten by it, and its confirm says locked, not "scan again"', async () => {
    const t = await setup();
    await t.send('vault.state', null, popup);
    expect(codeOfReply(await t.send('scan.pick', PICK, picker))).toBe('ok');
    t.advance(16 * MINUTE);
    expect(codeOfReply(await t.send('scan.confirm', CONFIRM, picker))).toBe('vault_locked');
    expect(t.scan.stored.size).toBe(0);
  });

  it('every kind of lock forgets pending scans: idle deadline, screen lock and "Lock now"', async () => {
    for (const lock of ['idle', 'screen', 'button'] as const) {
      const t = await setup();
      await t.send('vault.state', null, popup);
      await t.send('scan.pick', PICK, picker);
      expect(t.scan.stored.size).toBe(1);
      if (lock === 'idle') {
        t.advance(15 * MINUTE);
        await t.autoLock.enforce();
      }
      if (lock === 'screen') await t.autoLock.lockNow();
      if (lock === 'button') expect(codeOfReply(await t.send('vault.lock', null, popup))).toBe('ok');
      expect(await t.f.vault.isLocked(), lock).toBe(true);
      expect(t.scan.stored.size, lock).toBe(0);
      expect(codeOfReply(await t.send('scan.confirm', CONFIRM, picker)), lock).toBe('vault_locked');
    }
  });
});
