/**
 * Storage items the popup reads itself at start (popup/startup.ts), so it need not wait for a stopped
 * worker. The worker writes them; none holds a secret.
 */
export const STARTUP_ITEMS = {
  /** storage.session: the codes-only view of the vault (core/codes-view). */
  codesView: 'codesView',
  /** storage.session: the accounts after the view's first screen, read once the popup has painted. */
  codesViewRest: 'codesViewRest',
  /** storage.session: when one of our pages last used the vault (the idle lock counts from it). */
  lastUse: 'lastUseAt',
  /** storage.local: 'pin', 'passphrase' or null, as the vault's header says. */
  protection: 'vaultProtection',
  /** storage.local: the user's settings. */
  settings: 'settings',
} as const;
