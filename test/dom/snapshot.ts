/**
 * Runs inside a page (passed to `page.evaluate`, so it must not close over anything): the values of
 * the truth's selectors and of every input, shadow roots included (closed ones through the page's
 * `window.__closedRoots`), so a test can tell what a fill changed without detecting anything itself.
 */
export interface SnapshotArgs {
  otp: string[];
  negatives: string[];
}

export interface Snapshot {
  /** Value of each `otp` element (null when the selector matched nothing). */
  otp: (string | null)[];
  negatives: (string | null)[];
  /** Every input not named in `otp`, in document order. */
  others: string[];
}

export function snapshot({ otp, negatives }: SnapshotArgs): Snapshot {
  const w = window as unknown as { __closedRoots?: Map<Element, ShadowRoot> };
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
  const expected = otp.map(resolve);
  return {
    otp: expected.map((e) => e?.value ?? null),
    negatives: negatives.map((s) => resolve(s)?.value ?? null),
    others: allInputs(document)
      .filter((e) => !expected.includes(e))
      .map((e) => e.value),
  };
}
