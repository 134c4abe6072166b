/**
 * The vault summary's generation, kept a second time outside IndexedDB (`storage.local`), so an
 * IndexedDB rolled back as a whole to an older, self-consistent copy is noticed. It is written after
 * each commit, so it may lag one write behind after a crash (never ahead: that would be a false alarm).
 * Someone who can replace the whole profile can roll this back too; see README.
 */
import browser from 'webextension-polyfill';
import type { AnchorStore } from './keyring';

const ITEM = 'vaultGeneration';

export const localAnchorStore: AnchorStore = {
  async load() {
    const value: unknown = (await browser.storage.local.get(ITEM))[ITEM];
    if (typeof value !== 'object' || value === null) return null;
    const { vaultId, generation } = value as Record<string, unknown>;
    if (typeof vaultId !== 'string' || typeof generation !== 'number' || !Number.isSafeInteger(generation)) return null;
    return { vaultId, generation };
  },
  async save(value) {
    await browser.storage.local.set({ [ITEM]: value });
  },
};
