/**
 * Which document in a frame asked to fill after an unlock, and how it alone is told. Chrome names the
 * document (`sender.documentId`) and delivers a message addressed to it only. Firefox has neither, so
 * there the key is the frame's URL when it asked: the message goes to the frame (`frameId`) with that
 * URL, and the content script ignores it unless it still shows that URL (a frame that navigated since,
 * to a page that then asks for its own code, is not filled by a request it never made).
 */
import { FIREFOX } from '../../shared/target';

/** Prefix of a Firefox key: what follows is the frame's URL. */
export const URL_KEY = 'url:';

/** The sending document's key, or null when the browser gives nothing to tell documents apart. */
export function documentKey(raw: { documentId?: unknown; url?: string }): string | null {
  if (typeof raw.documentId === 'string') return raw.documentId;
  return FIREFOX && typeof raw.url === 'string' ? URL_KEY + raw.url : null;
}
