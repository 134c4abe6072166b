import { describe, expect, it } from 'vitest';
import { AutoLock } from '../../../src/background/auto-lock';
import { DEFAULT_SETTINGS } from '../../../src/background/settings-store';
import { input, newFixture } from './vault-fixture';

async function setup(withPin: boolean) {
  const f = await newFixture();
  await f.vault.add(input());
  if (withPin) await f.vault.setPin('1234', 'pin', null);
  let now = 1_000_000;
  let last: number | null = null;
  let alarm: number | null = null;
  let changes = 0;
  const lock = new AutoLock({
    vault: f.vault,
    settings: { get: () => Promise.resolve({ ...DEFAULT_SETTINGS, autoLockMinutes: 15 }), set: () => Promise.reject(new Error('unused')) },
    now: () => now,
    lastUse: { load: () => Promise.resolve(last), save: (at) => Promise.resolve(void (last = at)), clear: () => Promise.resolve(void (last = null)) },
    alarm: { at: (when) => Promise.resolve(void (alarm = when)), cancel: () => Promise.resolve(void (alarm = null)) },
    forget: () => Promise.resolve(),
    changed: () => Promise.resolve(void changes++),
  });
  return { f, lock, advance: (ms: number) => (now += ms), alarm: () => alarm, changes: () => changes, now: () => now };
}

describe('auto-lock', () => {
  it('locks after 15 idle minutes measured from the last use, not from the unlock', async () => {
    const t = await setup(true);
    await t.lock.touch();
    expect(t.alarm()).toBe(t.now() + 15 * 60_000);
    t.advance(10 * 60_000);
    await t.lock.touch(); // used again at minute 10
    t.advance(10 * 60_000); // minute 20: 10 minutes since last use
    await t.lock.enforce();
    expect(await t.f.vault.isLocked()).toBe(false);
    t.advance(5 * 60_000); // minute 25: 15 minutes since last use
    await t.lock.enforce();
    expect(await t.f.vault.isLocked()).toBe(true);
    expect(t.f.keys.value).toBeNull();
    expect(t.changes()).toBe(1);
  });

  it('does nothing without a PIN: the device key would open the vault again anyway', async () => {
    const t = await setup(false);
    await t.lock.touch();
    expect(t.alarm()).toBeNull();
    t.advance(60 * 60_000);
    await t.lock.enforce();
    expect(await t.f.vault.isLocked()).toBe(false);
  });
});
