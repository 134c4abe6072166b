/**
 * The unwrapped vault key, kept in `storage.session` while unlocked: in memory only, cleared when the
 * browser closes, and (with TRUSTED_CONTEXTS, the default we set explicitly) unreadable by content
 * scripts. The worker can stop at any time; this is what lets it pick up where it left off.
 */
import browser from 'webextension-polyfill';
import { fromBase64, toBase64 } from '../../core/vault/crypto';
import type { KeyStore } from './vault';

const ITEM = 'vaultKey';

export const sessionKeyStore: KeyStore = {
  async load() {
    const items = await browser.storage.session.get(ITEM);
    const value: unknown = items[ITEM];
    if (typeof value !== 'object' || value === null) return null;
    const { vaultId, key } = value as Record<string, unknown>;
    if (typeof vaultId !== 'string' || typeof key !== 'string') return null;
    return { vaultId, key: fromBase64(key) };
  },
  async save({ vaultId, key }) {
    await browser.storage.session.set({ [ITEM]: { vaultId, key: toBase64(key) } });
  },
  async clear() {
    await browser.storage.session.remove(ITEM);
  },
};
