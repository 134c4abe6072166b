/** The toolbar icon shows whether the vault is locked. */
import browser from 'webextension-polyfill';

const sizes = [16, 32, 48, 128] as const;
const paths = (locked: boolean) =>
  Object.fromEntries(sizes.map((size) => [size, `/icons/icon${locked ? '-locked' : ''}-${size}.png`]));

/** Sets the icon and its tooltip for the locked or unlocked state. */
export async function showLocked(locked: boolean): Promise<void> {
  await browser.action.setIcon({ path: paths(locked) });
  await browser.action.setTitle({ title: browser.i18n.getMessage(locked ? 'actionTitleLocked' : 'extName') });
}
