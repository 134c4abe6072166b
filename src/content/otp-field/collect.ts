/**
 * Finds the inputs of a document and of the shadow roots inside it. Open roots are read directly;
 * closed ones only through `openShadow` (in the extension, `chrome.dom.openOrClosedShadowRoot`).
 * Iframes are not entered: the content script runs in every frame (`all_frames`) and each copy
 * looks at its own document.
 */

/** Returns an element's shadow root, open or closed, or null. */
export type OpenShadow = (el: Element) => ShadowRoot | null;

/**
 * All inputs under `root`, light DOM first, then each shadow root's in document order of the hosts.
 * `onRoot` hears of every shadow root visited (the inline script watches them for changes).
 */
export function collectInputs(root: Document | ShadowRoot, openShadow?: OpenShadow, onRoot?: (root: ShadowRoot) => void): HTMLInputElement[] {
  const out: HTMLInputElement[] = [];
  const visit = (r: Document | ShadowRoot, depth: number): void => {
    out.push(...Array.from(r.querySelectorAll('input')));
    if (depth > 8) return;
    for (const sr of shadowRoots(r, openShadow)) {
      onRoot?.(sr);
      visit(sr, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/**
 * The shadow roots directly under `root`. Every element's open `shadowRoot` is checked; `openShadow`
 * is asked only about custom elements (a hyphen in the tag name), which is where closed roots live,
 * to keep the call count small on large pages.
 */
function shadowRoots(root: Document | ShadowRoot, openShadow?: OpenShadow): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const sr = el.shadowRoot ?? (openShadow && el.localName.includes('-') ? openShadow(el) : null);
    if (sr) found.push(sr);
  }
  return found;
}
