/** What handlers work with: the vault, settings and the clock, passed in so tests can supply their own. */
import type { Vault } from './vault/vault';
import type { SettingsStore } from './settings-store';

export interface Services {
  vault: Vault;
  settings: SettingsStore;
  now: () => number;
}
