/**
 * Locking when idle, and the one way to lock. The time of last use lives in `storage.session` and the
 * deadline in an alarm, so neither depends on the worker staying alive; and every message checks the
 * deadline first, so a late alarm can never leave the vault open past it.
 */
import type { SettingsStore } from './settings-store';
import type { Vault } from './vault/vault';
import { forgetCodes } from './views';

export interface AutoLockDeps {
  vault: Vault;
  settings: SettingsStore;
  now: () => number;
  lastUse: { load(): Promise<number | null>; save(at: number): Promise<void>; clear(): Promise<void> };
  alarm: { at(when: number): Promise<void>; cancel(): Promise<void> };
  /** Removes what else a lock must not leave behind: scanned accounts (with secrets) awaiting confirmation. */
  forget(): Promise<void>;
  /** Removes the popup's codes view from session storage; absent in unit tests. */
  dropCodesView?: () => Promise<void>;
  /** Called after the vault locked or unlocked (the toolbar icon follows it). */
  changed(): Promise<void>;
}

export class AutoLock {
  constructor(readonly deps: AutoLockDeps) {}

  /** Locks if the vault has a PIN and was not used for longer than the idle time. */
  async enforce(): Promise<void> {
    const { lastUse, settings, now, vault } = this.deps;
    const [last, { autoLockMinutes }] = await Promise.all([lastUse.load(), settings.get()]);
    if (last === null || autoLockMinutes === 0 || now() - last < autoLockMinutes * 60_000) return;
    if ((await vault.pinKind()) === null) return;
    // A deadline that passes while already locked is used up, not acted on again: locking again would
    // forget an account scanned since (and its confirm would say "scan again" instead of "locked").
    if (await vault.isLocked()) return lastUse.clear();
    await this.lockNow();
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

  /**
   * Locks: the key, the session copy of the accounts, cached codes and pending scans go, and the
   * deadline is used up, so the next message does not lock again. Without a PIN the device key opens
   * the vault again on the next call; locking anyway makes a PIN being set right now end locked.
   * Every step runs even if another fails; the first failure is then reported.
   */
  async lockNow(): Promise<void> {
    const { vault, lastUse, alarm } = this.deps;
    forgetCodes();
    const steps = await Promise.allSettled([vault.lock(), lastUse.clear(), alarm.cancel(), this.deps.forget()]);
    // Only once the key is gone: a codes view being written while the lock ran (it checked the key
    // before it went) is removed now, and any later write finds the vault locked (codes-view.ts).
    if (this.deps.dropCodesView) steps.push(...(await Promise.allSettled([this.deps.dropCodesView()])));
    await this.deps.changed();
    const failed = steps.find((step) => step.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
