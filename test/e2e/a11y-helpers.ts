/**
 * axe-core in the built extension's pages and in the in-page UI (issue 12).
 *
 * - Injection: extension pages' CSP (script-src 'self') blocks `page.addScriptTag({ content })`, but
 *   `page.evaluate` runs through the DevTools protocol, which a page's CSP does not govern: axe's source
 *   is evaluated as an expression in the page's main world.
 * - The in-page UI lives in closed shadow roots on purpose, and axe walks only open ones
 *   (`element.shadowRoot`). DevTools can hand out a closed root (DOM.resolveNode on the root's node),
 *   so the test gives the host, in the main world only and for this page only, a `shadowRoot` getter
 *   that returns it: axe then checks the real UI, and the product carries no hook at all.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { RealPopup } from './scan-helpers';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function find(node: DomNode, name: string): DomNode | null {
  if (node.nodeName === name) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = find(child, name);
    if (hit) return hit;
  }
  return null;
}

/** Makes `host`'s closed shadow root visible to scripts in the page's main world (and so to axe). */
export async function exposeClosedRoot(page: Page, hostName: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = find(root, hostName.toUpperCase());
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return false;
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId?: string } };
    if (!object.objectId) return false;
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () { const root = this; Object.defineProperty(root.host, 'shadowRoot', { configurable: true, get: () => root }); }`,
    });
    return true;
  } finally {
    await cdp.detach();
  }
}

const OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
};

/** The page's CSP forbids eval, so axe's source is itself the expression DevTools evaluates (once per page). */
const LOADED = `typeof window.axe === 'object'`;

/** An expression that runs axe on `include` (a CSS selector) or the whole document, and returns violations. */
function runExpression(include: string | null): string {
  return `(async () => {
    const selector = ${JSON.stringify(include)};
    const { violations } = await window.axe.run(selector ? { include: [[selector]] } : document, ${JSON.stringify(OPTIONS)});
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })) }));
  })()`;
}

/**
 * axe's violations on the page (WCAG 2.x A and AA, best practices, and the experimental
 * label-content-name-mismatch the issue names), or only inside `include` (a CSS selector).
 */
export async function axeViolations(page: Page, include?: string): Promise<Violation[]> {
  const cdp = await page.context().newCDPSession(page);
  const evaluate = async (expression: string): Promise<unknown> => {
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: unknown;
    };
    if (exceptionDetails) throw new Error(`axe failed: ${JSON.stringify(exceptionDetails).slice(0, 500)}`);
    return result.value;
  };
  try {
    if (!(await evaluate(LOADED))) await evaluate(AXE_SOURCE);
    return (await evaluate(runExpression(include ?? null))) as Violation[];
  } finally {
    await cdp.detach();
  }
}

/** The same in the real toolbar popup (see scan-helpers.ts), in `scheme`. */
export async function axeInPopup(popup: RealPopup, scheme: 'light' | 'dark'): Promise<Violation[]> {
  await popup.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
  if (!(await popup.evaluate(LOADED))) await popup.evaluate(AXE_SOURCE);
  return (await popup.evaluate(runExpression(null))) as Violation[];
}

/** One line per violated rule and node, for an assertion message a person can act on. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.html} — ${n.failureSummary ?? v.help}`));
}
