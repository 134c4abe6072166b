/**
 * Locking when idle. The time of last use lives in `storage.session` and the deadline in an alarm, so
 * neither depends on the worker staying alive; and every message checks the deadline first, so a late
 * alarm can never leave the vault open past it.
 */
import type { SettingsStore } from './settings-store';
import type { Vault } from './vault/vault';

export interface AutoLockDeps {
  vault: Vault;
  settings: SettingsStore;
  now: () => number;
  lastUse: { load(): Promise<number | null>; save(at: number): Promise<void> };
  alarm: { at(when: number): Promise<void>; cancel(): Promise<void> };
  /** Called after the vault locked or unlocked (the toolbar icon follows it). */
  changed(): Promise<void>;
}

export class AutoLock {
  constructor(readonly deps: AutoLockDeps) {}

  /** Locks if the vault has a PIN and was not used for longer than the idle time. */
  async enforce(): Promise<void> {
    const { lastUse, settings, now } = this.deps;
    const [last, { autoLockMinutes }] = await Promise.all([lastUse.load(), settings.get()]);
    if (last === null || autoLockMinutes === 0) return;
    if (now() - last >= autoLockMinutes * 60_000) await this.lockNow();
  }

  /** Records a use now and moves the deadline. */
  async touch(): Promise<void> {
    await this.deps.lastUse.save(this.deps.now());
    await this.reschedule();
  }

  /** Sets the alarm for the current deadline (after a use or a new idle time). */
  async reschedule(): Promise<void> {
    const { lastUse, settings, alarm, vault } = this.deps;
    const [last, { autoLockMinutes }, protection] = await Promise.all([lastUse.load(), settings.get(), vault.pinKind()]);
    if (last === null || autoLockMinutes === 0 || protection === null) return alarm.cancel();
    return alarm.at(last + autoLockMinutes * 60_000);
  }

  /** Locks a vault that has a PIN. Without one there is nothing to lock: the device key opens it. */
  async lockNow(): Promise<void> {
    if ((await this.deps.vault.pinKind()) === null) return;
    await this.deps.vault.lock();
    await this.deps.alarm.cancel();
    await this.deps.changed();
  }
}
