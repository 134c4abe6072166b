/** The browser side of filling, as the handlers see it. */
import browser from 'webextension-polyfill';
import { activeWebTab } from './active-tab';
import { fillTab, pageText } from './inject';
import { afterUnlock, unlockThenFill } from './pending';
import type { FillPort } from './port';

const HOTP_USES = 'hotpFillUses';

export const chromeFillPort: FillPort = {
  activeTab: activeWebTab,
  pageText,
  fillTab,
  unlockThenFill,
  afterUnlock,
  hotpUses: {
    load: async () => (await browser.storage.session.get(HOTP_USES))[HOTP_USES],
    save: (value) => browser.storage.session.set({ [HOTP_USES]: value }),
  },
};
