/**
 * Steps for the autofill tests (issue 5).
 *
 * - Filling from the popup uses the real toolbar popup over the real tab (`clickAction`, see
 *   scan-helpers.ts), so the fill runs on the same `activeTab` grant a user's click gives.
 * - The inline button needs host access, asked for with `permissions.request` when the user turns it
 *   on. A headless browser cannot answer that prompt (Playwright has no API for it, and Chromium no
 *   switch), so the inline tests load a copy of dist/ whose manifest grants `host_permissions` for the
 *   two local test hosts only, and turn the setting on through the protocol. Everything else (the
 *   registered script, what it may fill where) is the shipped code.
 * - The inline button lives in a closed shadow root; CDP's DOM domain pierces it (`pierce: true`), so the
 *   test reads and clicks it from outside, as the page cannot.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { DIST, type Extension } from './harness';
import { EXTENSION_ORIGIN, send } from './popup-helpers';
import type { RealPopup } from './scan-helpers';

/** The build under test: dist/, or another directory (TWOSTEP_E2E_DIST) while dist/ is busy. */
export const BUILD = process.env.TWOSTEP_E2E_DIST ?? DIST;

/** A copy of the build whose manifest grants access to the local test hosts (see above). */
export function buildWithSiteAccess(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-dist-'));
  cpSync(BUILD, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = ['http://localhost/*', 'http://127.0.0.1/*'];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return dir;
}

export const PASSWORD = 'correct horse';

/**
 * A page on http://localhost:PORT/ that embeds `frameUrl`. Served from a real loopback server, not
 * Playwright's routing: Chromium's Local Network Access blocks a routed (address-less) page from
 * framing a loopback address.
 */
export async function embeddingPage(frameUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const body = `<!doctype html><meta charset="utf-8"><title>Sign in - Example Corp</title><h1>Example Corp</h1>
<iframe src="${frameUrl}" width="600" height="420"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Signs in with the password on /login (or /login?variant=split) and waits for the code step. */
export async function signIn(page: Page, origin: string, split = false): Promise<void> {
  await page.goto(`${origin}/login${split ? '?variant=split' : ''}`);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(split ? /\/login\/split/ : /\/login\/code/);
}

/** Submits the code form and returns the page's verdict (data-ok). */
export async function submitCode(page: Page): Promise<string | null> {
  await page.getByRole('button', { name: 'Verify' }).click();
  const result = page.locator('#result');
  await result.waitFor();
  return result.getAttribute('data-ok');
}

/**
 * Calls the background from a popup page opened in a tab, then closes that tab: `clickAction` finds the
 * real popup by its URL, so no other popup page may stay open (setup only, not under test).
 */
export async function callFromTab(ext: Extension, method: string, arg: unknown): Promise<unknown> {
  const page = await ext.openPopup();
  try {
    const reply = (await send(page, method, arg)) as { ok: boolean; value?: unknown; error?: unknown };
    if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
    return reply.value;
  } finally {
    await page.close();
  }
}

export const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** In the real popup: waits until it knows the page under it, then runs `expression`. */
export async function inPopup(popup: RealPopup, expression: string): Promise<unknown> {
  for (let i = 0; i < 100; i++) {
    if (await popup.evaluate(`document.querySelector('.app')?.dataset.tab === 'ready'`)) break;
    await wait(50);
  }
  return popup.evaluate(expression);
}

/** Clicks the code of the account of `kind` (copy, and fill where it belongs) and returns the toast text. */
export async function clickRow(popup: RealPopup, kind: 'totp' | 'hotp' = 'totp'): Promise<string> {
  await inPopup(popup, `document.querySelector('[data-testid=account-row][data-kind=${kind}] [data-testid=copy-button]').click(), true`);
  for (let i = 0; i < 100; i++) {
    const toast = (await popup.evaluate(`document.querySelector('[data-testid=toast]')?.textContent ?? ''`)) as string;
    if (toast !== '') return toast;
    await wait(50);
  }
  return '';
}

interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function findNode(node: DomNode, match: (n: DomNode) => boolean): DomNode | null {
  if (match(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return null;
}

function textOf(node: DomNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** The inline button beside the code field (in a page or an out-of-process frame), read through CDP. */
export class InlineButton {
  private cdp: CDPSession | null = null;
  constructor(
    private readonly page: Page,
    private readonly frame?: Frame,
  ) {}

  private async session(): Promise<CDPSession> {
    this.cdp ??= await this.page.context().newCDPSession(this.frame ?? this.page);
    return this.cdp;
  }

  private async root(): Promise<DomNode | null> {
    const { root } = (await (await this.session()).send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return findNode(root, (n) => n.nodeName === 'TWOSTEP-FILL')?.shadowRoots?.[0] ?? null;
  }

  /** The texts of the button's parts (buttons and notes), in order; [] while there is no button. */
  async texts(): Promise<string[]> {
    const root = await this.root();
    const box = root && findNode(root, (n) => n.nodeName === 'DIV');
    return box ? (box.children ?? []).map(textOf) : [];
  }

  async waitForText(text: string, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const texts = await this.texts();
      if (texts.includes(text)) return;
      if (Date.now() > deadline) throw new Error(`inline button shows ${JSON.stringify(texts)}, wanted ${text}`);
      await wait(100);
    }
  }

  /** A real mouse click in the middle of the part that reads `text` (top-level pages only). */
  async click(text: string): Promise<void> {
    const root = await this.root();
    const node = root && findNode(root, (n) => n.nodeName === 'BUTTON' && textOf(n) === text);
    if (!node) throw new Error(`no inline button ${text}`);
    const { model } = (await (await this.session()).send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { content: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }
}

/**
 * Runs `expression` in our content script's isolated world in `frame` (a page's main frame or an
 * out-of-process frame): what a compromised or curious content script there could send.
 */
export async function inContentWorld(page: Page, expression: string, frame?: Frame): Promise<unknown> {
  const cdp = await page.context().newCDPSession(frame ?? page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.origin === EXTENSION_ORIGIN && c.auxData?.type === 'isolated');
  if (!world) throw new Error('no content script world in this frame');
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: unknown }; exceptionDetails?: unknown };
  await cdp.detach();
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value;
}

/** Reads until `ok` holds for the value (or the time is up), and returns the last value read. */
export async function pollValue<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await wait(100);
  }
}

/** The frame of `page` whose URL starts with `prefix`, once it has loaded. */
export async function frameAt(page: Page, prefix: string): Promise<Frame> {
  const frame = await pollValue(
    () => Promise.resolve(page.frames().find((f) => f.url().startsWith(prefix)) ?? null),
    (f) => f !== null,
  );
  if (!frame) throw new Error(`no frame at ${prefix}`);
  await frame.waitForLoadState();
  return frame;
}

/** The worker's registered inline script ids. */
export async function registeredScripts(ext: Extension): Promise<string[]> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } };
    return (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id);
  });
}
