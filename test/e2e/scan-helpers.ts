/**
 * Steps for the QR enrolment tests. Two things a headless test cannot do as a person does need help:
 *
 * - Clicking the toolbar button. Opening the popup page in a tab grants nothing (activeTab comes only
 *   from a user gesture on the action, a shortcut or a menu; CDP key presses never reach the browser's
 *   shortcut handling). `Extensions.triggerAction` (CDP, with --enable-unsafe-extension-debugging over
 *   the pipe Playwright uses) is a real action click on a real tab: the real popup opens over the page,
 *   and the tab gets the same activeTab grant a user's click gives. That popup is not a Playwright page,
 *   so it is driven with Runtime.evaluate on its target.
 * - Reading the picker's UI, which lives in a closed shadow root on purpose. CDP's DOM domain pierces
 *   closed roots (`pierce: true`), so the test reads and clicks it from outside, as the page cannot.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Extension } from './harness';
import { POPUP_URL } from './harness';
import { TEST_EXTENSION_ID } from '../../scripts/extension-key';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** The real toolbar popup, opened by a (simulated) click on the action over `page`. */
export interface RealPopup {
  evaluate(expression: string): Promise<unknown>;
  /** Any DevTools command on the popup's target (e.g. Emulation.setEmulatedMedia); resolves with its result. */
  send(method: string, params: Record<string, unknown>): Promise<unknown>;
}

/** Clicks the toolbar button over `page` (which must be the only tab at its URL) and returns the popup. */
export async function clickAction(ext: Extension, page: Page): Promise<RealPopup> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser object for the persistent context');
  await page.bringToFront();
  const cdp = await browser.newBrowserCDPSession();
  const targets = async (filter?: { type: string }[]): Promise<TargetInfo[]> =>
    ((await cdp.send('Target.getTargets', filter ? { filter } : {})) as { targetInfos: TargetInfo[] }).targetInfos;
  const tabs = (await targets([{ type: 'tab' }])).filter((t) => t.type === 'tab' && t.url === page.url());
  if (tabs.length !== 1) throw new Error(`expected one tab at ${page.url()}, found ${tabs.length}`);
  // The popup page may also be open in a tab (tests read the vault through it): only a new target is the toolbar popup.
  const before = new Set((await targets()).map((t) => t.targetId));
  await cdp.send('Extensions.triggerAction' as never, { id: TEST_EXTENSION_ID, targetId: tabs[0]!.targetId } as never);
  let popup: TargetInfo | undefined;
  for (let i = 0; i < 100 && !popup; i++) {
    popup = (await targets()).find((t) => t.type === 'page' && t.url.startsWith(POPUP_URL) && !before.has(t.targetId));
    if (!popup) await new Promise((r) => setTimeout(r, 50));
  }
  if (!popup) throw new Error('the popup did not open');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
  let nextId = 0;
  type Reply = { id?: number; result?: { result?: { value?: unknown }; exceptionDetails?: unknown }; error?: unknown };
  const waiting = new Map<number, (m: Reply) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as Reply;
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const send = (method: string, params: Record<string, unknown>): Promise<Reply['result']> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)));
      const message = JSON.stringify({ id, method, params });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
    });
  const evaluate = async (expression: string): Promise<unknown> =>
    (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true }))?.result?.value;
  // Wait for the popup's list (or empty state) to render before anyone clicks in it.
  for (let i = 0; i < 100; i++) {
    if (await evaluate(`!!document.querySelector('[data-testid=scan-button], [data-testid=empty-scan-button]')`)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { evaluate, send };
}

/** Toolbar button, then "Scan QR code on this page" in the real popup. */
export async function scanFromPopup(ext: Extension, page: Page): Promise<void> {
  const popup = await clickAction(ext, page);
  await popup.evaluate(`(document.querySelector('[data-testid=scan-button]') ?? document.querySelector('[data-testid=empty-scan-button]')).click(), true`);
}

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** The picker's closed shadow root as the test sees it through CDP. */
export class PickerView {
  private cdp: CDPSession | null = null;
  constructor(private readonly page: Page) {}

  private async session(): Promise<CDPSession> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    return this.cdp;
  }

  /** The root of the picker's shadow tree, or null when the picker is gone. */
  private async root(): Promise<DomNode | null> {
    const { root } = (await (await this.session()).send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, (n) => n.nodeName === 'TWOSTEP-SCAN');
    return host?.shadowRoots?.[0] ?? null;
  }

  async present(): Promise<boolean> {
    return (await this.root()) !== null;
  }

  private async node(testid: string): Promise<DomNode | null> {
    const root = await this.root();
    return root ? find(root, (n) => attr(n, 'data-testid') === testid) : null;
  }

  /** The card's state (preview, done, error), or null while there is no card. */
  async state(): Promise<string | null> {
    const card = await this.node('scan-card');
    return card ? attr(card, 'data-state') : null;
  }

  async waitForState(states: string[], timeout = 15_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.state();
      if (state !== null && states.includes(state)) return state;
      if (Date.now() > deadline) throw new Error(`picker state ${String(state)}, wanted ${states.join('|')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** textContent, or the value of an input. */
  async text(testid: string): Promise<string> {
    const node = await this.node(testid);
    if (!node) throw new Error(`no ${testid} in the picker`);
    const cdp = await this.session();
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return this.value ?? this.textContent; }',
      returnByValue: true,
    })) as { result: { value: string } };
    return result.value;
  }

  /** Runs `fn` (a function's source, called with the element as `this`) on a picker element. */
  async call<T>(testid: string, fn: string): Promise<T> {
    const node = await this.node(testid);
    if (!node) throw new Error(`no ${testid} in the picker`);
    const cdp = await this.session();
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true })) as {
      result: { value: T };
    };
    return result.value;
  }

  async has(testid: string): Promise<boolean> {
    return (await this.node(testid)) !== null;
  }

  /** A real mouse click in the middle of the element. */
  async click(testid: string): Promise<void> {
    const node = await this.node(testid);
    if (!node) throw new Error(`no ${testid} in the picker`);
    const { model } = (await (await this.session()).send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { content: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }
}

function attr(node: DomNode, name: string): string | null {
  const a = node.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
}

function find(node: DomNode, match: (n: DomNode) => boolean): DomNode | null {
  if (match(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const found = find(child, match);
    if (found) return found;
  }
  return null;
}
