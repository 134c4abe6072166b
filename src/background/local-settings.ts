/** The settings store on `storage.local`. */
import browser from 'webextension-polyfill';
import { STARTUP_ITEMS } from '../shared/startup-items';
import { parseSettings, type SettingsStore } from './settings-store';

const ITEM = STARTUP_ITEMS.settings;

export const localSettingsStore: SettingsStore = {
  async get() {
    const items = await browser.storage.local.get(ITEM);
    return parseSettings(items[ITEM]);
  },
  async set(patch) {
    const next = { ...(await this.get()), ...patch };
    await browser.storage.local.set({ [ITEM]: next });
    return next;
  },
};
