/** Steps for the sign-in popup tests: a build with granted permissions, the clipboard, and the real popup's rows. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD } from './autofill-helpers';
import { POPUP_URL, type Extension } from './harness';
import type { RealPopup } from './scan-helpers';

/**
 * A copy of the build whose manifest also holds `permissions` and `host_permissions`: what a user
 * would grant at a prompt a headless browser cannot answer.
 */
export function buildWithManifest(extra: { permissions?: string[]; host_permissions?: string[] }): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-dist-'));
  cpSync(BUILD, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[] };
  manifest.permissions = [...(manifest.permissions ?? []), ...(extra.permissions ?? [])];
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => !extra.permissions?.includes(p));
  if (extra.host_permissions) manifest.host_permissions = extra.host_permissions;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return dir;
}

/** Whether the toolbar popup is open (tests close every popup page they open in a tab). */
export async function popupIsOpen(ext: Extension): Promise<boolean> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser object');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
  await cdp.detach();
  return targetInfos.some((t) => t.type === 'page' && t.url.startsWith(POPUP_URL));
}

/** Runs `fn` in a fresh secure page (Playwright emulates its focus, so the real popup keeps its own). */
async function inPage<T>(ext: Extension, fn: (arg: string) => Promise<T>, arg = ''): Promise<T> {
  const page = await ext.context.newPage();
  try {
    // An http://localhost page is a secure context, where the async clipboard exists.
    await page.route('http://localhost:1/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>clipboard</title>' }));
    await page.goto('http://localhost:1/');
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** The clipboard's text, as the user's next paste would see it. */
export function readClipboard(ext: Extension): Promise<string> {
  return inPage(ext, () => navigator.clipboard.readText());
}

/** The user copies `text` in some page. */
export function writeClipboard(ext: Extension, text: string): Promise<void> {
  return inPage(ext, (t) => navigator.clipboard.writeText(t), text);
}

export interface RowSeen {
  issuer: string;
  /** The visible word for what a click does. */
  action: string;
  /** The row button's accessible name. */
  label: string;
  top: number;
  avatar: { kind: string; text: string; src: string | null };
  badge: string | null;
}

/** The popup's rows in list order, as a person sees and hears them. */
export async function rowsOf(popup: RealPopup): Promise<RowSeen[]> {
  return (await popup.evaluate(`[...document.querySelectorAll('[data-testid=account-row]')].map((r) => ({
    issuer: r.querySelector('[data-testid=issuer]').textContent,
    action: r.querySelector('[data-testid=row-action]').textContent,
    label: r.querySelector('[data-testid=copy-button]').getAttribute('aria-label'),
    top: r.getBoundingClientRect().top - r.parentElement.getBoundingClientRect().top,
    avatar: {
      kind: r.querySelector('[data-testid=avatar]').dataset.icon,
      text: r.querySelector('[data-testid=avatar]').dataset.letter ?? '',
      src: r.querySelector('[data-testid=avatar] img')?.src ?? null,
    },
    badge: r.querySelector('[data-testid=account-badge]')?.textContent ?? null,
  }))`)) as RowSeen[];
}
