/** The session copy of the decrypted accounts (see `SnapshotStore`), in `storage.session`. */
import browser from 'webextension-polyfill';
import type { CachedSnapshot, SnapshotStore } from './vault';

const ITEM = 'snapshot';

export const sessionSnapshotStore: SnapshotStore = {
  async load() {
    const value: unknown = (await browser.storage.session.get(ITEM))[ITEM];
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<CachedSnapshot>;
    // Written only by this worker and readable only by trusted contexts; check the shape, not every field.
    if (
      typeof v.vaultId !== 'string' ||
      typeof v.fingerprint !== 'string' ||
      typeof v.damaged !== 'number' ||
      typeof v.rolledBack !== 'boolean' ||
      !Array.isArray(v.accounts)
    ) {
      return null;
    }
    return { vaultId: v.vaultId, fingerprint: v.fingerprint, damaged: v.damaged, rolledBack: v.rolledBack, accounts: v.accounts };
  },
  async save(value) {
    await browser.storage.session.set({ [ITEM]: value });
  },
  async clear() {
    await browser.storage.session.remove(ITEM);
  },
};
