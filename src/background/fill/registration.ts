/**
 * The inline "Fill code" button runs from a registered content script, present only while the user has
 * it turned on. Chrome injects it only where the extension has host access (the optional host
 * permission the popup asks for when the button is turned on), so registering is harmless without it.
 */
import browser from 'webextension-polyfill';
// eslint-disable-next-line twostep/restricted-paths -- the file name of the content script, not its code
import inlineScript from '../../content/fill/inline.ts?iife';
import { SITE_ORIGINS } from '../../shared/site-access';

const SCRIPT_ID = 'twostep-fill-inline';

/** Registers or removes the inline script to match the setting. */
export async function syncInlineScript(enabled: boolean): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (enabled && registered.length === 0) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: [inlineScript],
        matches: SITE_ORIGINS,
        allFrames: true,
        // about:blank and srcdoc frames get it too, checked against their creator's origin.
        matchOriginAsFallback: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!enabled && registered.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
}

/** Turning site access off in the browser's settings turns the button off too. */
export async function hasSiteAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: SITE_ORIGINS });
}
