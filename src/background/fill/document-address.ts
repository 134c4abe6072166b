/** Tells one waiting document that the vault opened (see document-key.ts for how it is named). */
import browser from 'webextension-polyfill';
import { FIREFOX } from '../../shared/target';
import { URL_KEY } from './document-key';

/** Sends `message` to that document only; rejects (or is ignored by the frame) when it is gone. */
export function sendToDocument(frame: { tabId: number; frameId: number; documentId: string }, message: Record<string, unknown>): Promise<unknown> {
  if (FIREFOX && frame.documentId.startsWith(URL_KEY)) {
    return browser.tabs.sendMessage(frame.tabId, { ...message, url: frame.documentId.slice(URL_KEY.length) }, { frameId: frame.frameId });
  }
  return browser.tabs.sendMessage(frame.tabId, message, { documentId: frame.documentId });
}
