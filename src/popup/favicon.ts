/**
 * Site icons from the browser's own favicon cache (`_favicon/`, with the optional `favicon`
 * permission): Twostep makes no network request for them. Chrome answers a page it has no icon for
 * with its default globe, which tells the user nothing, so that one is recognised (same bytes as the
 * answer for a page that cannot exist) and the letter avatar shows instead.
 */
import browser from 'webextension-polyfill';

export function faviconUrl(pageUrl: string): string {
  const url = new URL(browser.runtime.getURL('/_favicon/'));
  url.searchParams.set('pageUrl', pageUrl);
  url.searchParams.set('size', '32');
  return url.toString();
}

const bytes = (url: string): Promise<string | null> =>
  fetch(url)
    .then((r) => (r.ok ? r.arrayBuffer() : null))
    .then((b) => (b ? Array.from(new Uint8Array(b)).join() : null))
    .catch(() => null);

let globe: Promise<string | null> | null = null;
const answers = new Map<string, Promise<boolean>>();
/** Settled answers, so rows scrolled back into view draw their icon at once. */
export const knownIcons = new Map<string, boolean>();

/** Whether the browser holds a real icon for `pageUrl` (false without the permission, or for the globe). */
export function hasIcon(pageUrl: string): Promise<boolean> {
  let answer = answers.get(pageUrl);
  if (!answer) {
    globe ??= bytes(faviconUrl('https://twostep.invalid/'));
    answer = Promise.all([globe, bytes(faviconUrl(pageUrl))]).then(([none, icon]) => icon !== null && icon !== none);
    answers.set(pageUrl, answer);
    void answer.then((ok) => knownIcons.set(pageUrl, ok));
  }
  return answer;
}
