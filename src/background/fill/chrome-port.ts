/** The browser side of filling, as the handlers see it. */
import { activeWebTab } from './active-tab';
import { fillTab, pageText } from './inject';
import { afterUnlock, unlockThenFill } from './pending';
import type { FillPort } from './port';

export const chromeFillPort: FillPort = { activeTab: activeWebTab, pageText, fillTab, unlockThenFill, afterUnlock };
