/**
 * Turning on a setting that needs a permission. The browser's prompt takes focus and so closes the
 * popup: this page may never learn the answer. The worker is told first (`settings.afterGrant`) and
 * finishes the change itself on `permissions.onAdded`; if the page is still open it finishes it too.
 */
import browser, { type Permissions } from 'webextension-polyfill';
import { call } from '../shared/client';
import type { Settings } from '../shared/protocol';
import { grantFor, type Grant } from '../shared/site-access';

// The polyfill's list of optional permissions predates `favicon`; the manifest is what Chrome checks.
const asPermissions = (grant: Grant): Permissions.Permissions => grant as Permissions.Permissions;

/** Must run inside the click (a permission request needs the user's gesture): nothing is awaited before it. */
export function requestThenSet(patch: Partial<Settings>, set: (patch: Partial<Settings>) => void, denied: () => void): void {
  const grant = grantFor(patch);
  if (!grant) {
    set(patch);
    return;
  }
  // Sent before the prompt shows; the worker handles it long before anyone can answer the prompt.
  void call('settings.afterGrant', patch).catch(() => undefined);
  browser.permissions.request(asPermissions(grant)).then(
    (granted) => (granted ? set(patch) : denied()),
    () => denied(),
  );
}

/** Gives a permission back once nothing needs it (turning a setting off). */
export function release(grant: Grant): void {
  void browser.permissions.remove(asPermissions(grant)).catch(() => undefined);
}
