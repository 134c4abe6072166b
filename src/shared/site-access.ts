import type { Settings } from './protocol';

/** The optional host permission (manifest `optional_host_permissions`) the inline fill button needs. */
export const SITE_ORIGINS: string[] = ['https://*/*', 'http://*/*'];

/** What the browser must grant before a setting may turn on (all optional in the manifest, asked for when needed). */
export interface Grant {
  permissions?: string[];
  origins?: string[];
}

/**
 * Clearing the clipboard reads it first (to leave alone what the user copied since) and writes it
 * from the worker's offscreen document, where no click grants either.
 */
export const CLIPBOARD_GRANT: Grant = { permissions: ['clipboardRead', 'clipboardWrite'] };
/** The sites' icons come from the browser's own favicon cache (`_favicon/` URLs), never the network. */
export const ICONS_GRANT: Grant = { permissions: ['favicon'] };
export const INLINE_GRANT: Grant = { origins: SITE_ORIGINS };

/** The grant a settings change needs, or null when it needs none (turning something off never does). */
export function grantFor(patch: Partial<Settings>): Grant | null {
  const permissions: string[] = [];
  const origins: string[] = [];
  if (patch.inlineButton === true) origins.push(...SITE_ORIGINS);
  if (patch.clipboardClearSeconds !== undefined && patch.clipboardClearSeconds > 0) permissions.push(...(CLIPBOARD_GRANT.permissions ?? []));
  if (patch.siteIcons === true) permissions.push(...(ICONS_GRANT.permissions ?? []));
  if (permissions.length === 0 && origins.length === 0) return null;
  return { ...(permissions.length ? { permissions } : {}), ...(origins.length ? { origins } : {}) };
}
