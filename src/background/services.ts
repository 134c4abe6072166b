/** What handlers work with: the vault, settings and the clock, passed in so tests can supply their own. */
import type { AutoLock } from './auto-lock';
import type { SettingsStore } from './settings-store';
import type { Vault } from './vault/vault';

export interface Services {
  vault: Vault;
  settings: SettingsStore;
  autoLock: AutoLock;
  now: () => number;
}
