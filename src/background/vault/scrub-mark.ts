/**
 * The "scrub owed" mark (scrub.ts) in `storage.local`, outside IndexedDB, so it outlives a worker
 * stopped between a first-PIN re-key and the end of the scrub. It holds no secret.
 */
import browser from 'webextension-polyfill';
import type { ScrubMark } from './scrub';

const ITEM = 'levelDbScrubOwed';

export const localScrubMark: ScrubMark = {
  async isSet() {
    return (await browser.storage.local.get(ITEM))[ITEM] === true;
  },
  async set() {
    await browser.storage.local.set({ [ITEM]: true });
  },
  async clear() {
    await browser.storage.local.remove(ITEM);
  },
};
