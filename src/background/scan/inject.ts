/**
 * Starts the QR picker in a tab: the content script is injected on demand (`scripting` + `activeTab`,
 * granted by the popup, the shortcut or the context menu), never on every page. Only the top frame
 * gets it: it reaches same-origin frames and open shadow roots itself, and the site a scan is bound to
 * is the top page's.
 */
import browser from 'webextension-polyfill';
import { TwostepError } from '../../core/errors';
// crxjs builds `?iife` imports as one self-contained file and gives us its name; an ESM loader (`?script`)
// would have to be web-accessible to every page. Only the file name crosses into the background.
// eslint-disable-next-line twostep/restricted-paths -- the file name of the content script, not its code
import pickerFile from '../../content/scan/picker.ts?iife';

/** What the picker should start with; set in the content script's world before it runs. */
export interface PickerOptions {
  /** The image the user right-clicked (context menu), to read at once if it is on the page. */
  srcUrl?: string;
}

export async function injectPicker(tabId: number, options: PickerOptions = {}): Promise<void> {
  const target = { tabId };
  try {
    await browser.scripting.executeScript({
      target,
      func: (opts: PickerOptions) => {
        (globalThis as { twostepScanOptions?: PickerOptions }).twostepScanOptions = opts;
      },
      args: [options],
    });
    await browser.scripting.executeScript({ target, files: [pickerFile] });
  } catch (err) {
    // chrome://, the Web Store, other extensions' pages, or no grant for this tab.
    throw new TwostepError('qr_page_unavailable', err instanceof Error ? err.message.slice(0, 120) : undefined);
  }
}
