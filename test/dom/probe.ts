/**
 * Runs inside the page (passed to `page.evaluate`, so it must not close over anything): detects and
 * fills with the injected `window.TwostepFields`, and reports what happened to every input.
 */
import type * as Fields from '../../src/content/otp-field/index';

export interface ProbeArgs {
  code: string;
  /** Selectors that must receive the code (one per box, in order, for split boxes). */
  otp: string[];
  negatives: string[];
  /** Pass an `openShadow` that reads the page's `window.__closedRoots` map. */
  closed: boolean;
  /** Pass `deep: true` (the page's only inputs are in shadow roots). */
  deep: boolean;
}

export interface ProbeResult {
  kind: 'single' | 'split' | null;
  kept: boolean | null;
  /** For each filled element, its position in `otp`, or -1 when it was not expected. */
  filled: number[];
  /** Value of each `otp` element after filling (null when the selector matched nothing). */
  otpValues: (string | null)[];
  /** Negatives whose value changed. */
  negativesTouched: string[];
  /** How many inputs changed value that are not in `otp`. */
  strayChanges: number;
  /** Text of #state, if the page has one (the framework-controlled fixture). */
  state: string | null;
}

export function probe({ code, otp, negatives, closed, deep }: ProbeArgs): ProbeResult {
  const w = window as unknown as { TwostepFields: typeof Fields; __closedRoots?: Map<Element, ShadowRoot> };
  const rootOf = (el: Element): Document | ShadowRoot | null =>
    el.shadowRoot ?? w.__closedRoots?.get(el) ?? (el as HTMLIFrameElement).contentDocument ?? null;
  // "HOST >>> INNER": INNER inside HOST's shadow root or iframe document (fixtures README).
  const resolve = (sel: string): HTMLInputElement | null => {
    let root: Document | ShadowRoot | null = document;
    let el: Element | null = null;
    for (const part of sel.split(' >>> ')) {
      el = root?.querySelector(part) ?? null;
      if (!el) return null;
      root = rootOf(el);
    }
    return el as HTMLInputElement;
  };
  const allInputs = (root: Document | ShadowRoot): HTMLInputElement[] => [
    ...Array.from(root.querySelectorAll('input')),
    ...Array.from(root.querySelectorAll('*')).flatMap((e) => {
      const r = e.shadowRoot ?? w.__closedRoots?.get(e);
      return r ? allInputs(r) : [];
    }),
  ];

  const all = allInputs(document);
  const before = all.map((e) => e.value);
  const expected = otp.map(resolve);
  const negs = negatives.map((s) => [s, resolve(s), resolve(s)?.value] as const);

  const opts = { deep, ...(closed ? { openShadow: (e: Element) => w.__closedRoots?.get(e) ?? e.shadowRoot } : {}) };
  const target = w.TwostepFields.findOtpTarget(document, opts);
  const kept = target ? w.TwostepFields.fillOtp(target, code) : null;
  const filled = !target ? [] : target.kind === 'single' ? [target.input] : target.inputs;

  return {
    kind: target?.kind ?? null,
    kept,
    filled: filled.map((e) => expected.indexOf(e)),
    otpValues: expected.map((e) => e?.value ?? null),
    negativesTouched: negs.filter(([, el, v]) => !el || el.value !== v).map(([s]) => s),
    strayChanges: all.filter((e, i) => e.value !== before[i] && !expected.includes(e)).length,
    state: document.getElementById('state')?.textContent ?? null,
  };
}
