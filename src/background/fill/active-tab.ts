/** The web tab the popup acts on. */
import browser, { type Tabs } from 'webextension-polyfill';
import type { WebTab } from './port';

const asWebTab = (tab: Tabs.Tab | undefined): WebTab | null => (tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null });

/**
 * The active tab of the last focused window: the page under the toolbar popup, whose URL `activeTab`
 * lets us see. When that is one of our own pages (the popup opened in a tab or window of its own, as
 * the end-to-end tests do), the active web tab the user looked at last instead.
 */
export async function activeWebTab(): Promise<WebTab | null> {
  const own = browser.runtime.getURL('');
  const isOwn = (tab: Tabs.Tab): boolean => tab.url?.startsWith(own) === true;
  const [focused] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (focused && !isOwn(focused)) return asWebTab(focused);
  const others = (await browser.tabs.query({ active: true })).filter((t) => !isOwn(t) && t.url !== undefined && /^https?:/.test(t.url));
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return asWebTab(others[0]);
}
