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
const RUN_AT = 'document_start';

/** Registers or removes the inline script to match the setting. */
export async function syncInlineScript(enabled: boolean): Promise<void> {
  let registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  // Registered by an older version (at document_idle, persisted across sessions): register it afresh.
  if (enabled && registered.some((s) => s.runAt !== RUN_AT)) {
    await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    registered = [];
  }
  if (enabled && registered.length === 0) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: [inlineScript],
        matches: SITE_ORIGINS,
        allFrames: true,
        // about:blank and srcdoc frames get it too, checked against their creator's origin.
        matchOriginAsFallback: true,
        // Before any page script, so its key guard listens first (see key-guard.ts).
        runAt: RUN_AT,
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
