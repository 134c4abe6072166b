/**
 * The browser this build is for, fixed at build time (vite.config.ts defines `__TWOSTEP_FIREFOX__`;
 * `npm run build:firefox` sets it), so the other browser's branch is dropped from the bundle. Only the
 * small adapters where Firefox and Chrome differ read it (see the README's Firefox table); unit tests
 * run the Chrome branch.
 */
declare const __TWOSTEP_FIREFOX__: boolean | undefined;

export const FIREFOX: boolean = typeof __TWOSTEP_FIREFOX__ !== 'undefined' && __TWOSTEP_FIREFOX__;
