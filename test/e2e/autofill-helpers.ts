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

  /** The middle of the part that reads `text`, in the top page's viewport (a frame's offset added). */
  async center(text: string): Promise<{ x: number; y: number; backendNodeId: number }> {
    const root = await this.root();
    const node = root && findNode(root, (n) => n.nodeName === 'BUTTON' && textOf(n) === text);
    if (!node) throw new Error(`no inline button ${text}`);
    const box = async (): Promise<number[]> =>
      ((await (await this.session()).send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { content: number[] } }).model.content;
    // Where it stays: read until two looks 100 ms apart agree (the page may still be laying out).
    let last = await box();
    for (let i = 0; ; i++) {
      await wait(100);
      const now = await box();
      if (now.join() === last.join()) break;
      if (i > 50) throw new Error(`inline button ${text} keeps moving`);
      last = now;
    }
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = last;
    // A frame's coordinates start at its element's content box (the test pages give frames no border).
    const offset = this.frame ? await (await this.frame.frameElement()).boundingBox() : null;
    return { x: (x1 + x3) / 2 + (offset?.x ?? 0), y: (y1 + y3) / 2 + (offset?.y ?? 0), backendNodeId: node.backendNodeId };
  }

  /** A real mouse click in the middle of the part that reads `text`. */
  async click(text: string): Promise<void> {
    const { x, y } = await this.center(text);
    await this.page.mouse.click(x, y);
  }

  /** Moves keyboard focus onto the part that reads `text`, as Tab would. */
  async focus(text: string): Promise<void> {
    const { backendNodeId } = await this.center(text);
    await (await this.session()).send('DOM.focus', { backendNodeId });
  }

  /** True while the host element is in the page (a page could see it). */
  async present(): Promise<boolean> {
    const { root } = (await (await this.session()).send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return findNode(root, (n) => n.nodeName === 'TWOSTEP-FILL') !== null;
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

/** A test site: pages by path (any query), and the codes its forms posted to /submit?tag=…. */
export interface PageServer {
  port: number;
  /** Codes received, in order, with the tag of the page that sent them. */
  received: { tag: string; code: string }[];
  set(path: string, html: string): void;
  close(): Promise<void>;
}

/**
 * Serves `pages` on 127.0.0.1; http://localhost:PORT and http://127.0.0.1:PORT are two sites to the
 * browser. A real loopback server, as for `embeddingPage`.
 */
export async function pageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const received: PageServer['received'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://test.invalid');
    if (req.method === 'POST' && url.pathname === '/submit') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ tag: url.searchParams.get('tag') ?? '', code: new URLSearchParams(body).get('otp') ?? '' });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Received</title><p id="received">Received</p>');
      });
      return;
    }
    const page = pages.get(url.pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    set: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A sign-in code step that submits itself the moment six digits are in (as many real ones do), to
 * /submit with the page's own query: `?tag=x` tells the server which page sent the code.
 */
export const AUTO_SUBMIT_CODE_PAGE = `<!doctype html><meta charset="utf-8"><title>Two-step verification</title>
<style>body{margin:0;font:16px system-ui}form{padding:12px}</style>
<h1>Two-step verification</h1><form method="post"><label for="otp">Enter the code from your authenticator app</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>
<script>const f=document.forms[0];f.action='/submit'+location.search;
otp.addEventListener('input',()=>{if(otp.value.length===6)f.submit()});</script>`;

/** A page that shows `frameUrl` in a borderless 600×300 frame at the top left, with extra CSS and markup. */
export function framingPage(frameUrl: string, frameStyle = '', extra = ''): string {
  return `<!doctype html><meta charset="utf-8"><title>Win a prize</title><style>body{margin:0}
iframe{position:absolute;left:0;top:0;width:600px;height:300px;border:0;${frameStyle}}</style>
<iframe src="${frameUrl}"></iframe>${extra}`;
}

/** Waits until `ok` holds, or throws saying what was last seen: a timeout is never a quiet pass. */
export async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await wait(100);
  }
}
