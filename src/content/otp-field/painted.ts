/**
 * Visibility for a browser without IntersectionObserver v2 (Firefox has only v1, which says whether an
 * element is on screen, not whether it can be seen). The same questions v2 answers, asked directly:
 * on screen (v1), no opacity below 1 and no filter on it or any ancestor, and not covered at its centre,
 * in its own document and up through every same-origin frame that embeds it. What a cross-origin
 * embedder does to its frame (fade it, cover it) cannot be seen from inside it: there Firefox trusts the
 * embedder's layout (the README's Firefox table says so).
 */

/** Opacity 1 and no filter on `el` and every ancestor, across shadow roots, in its own document. */
function unfaded(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
    const s = view.getComputedStyle(n);
    if (Number(s.opacity) < 1 || s.filter !== 'none') return false;
    // Visibility is inherited (a visible child of a hidden box shows), so only the element's own value counts.
    if (n === el && s.visibility !== 'visible') return false;
  }
  return true;
}

/** Nothing of its document (or shadow root) drawn over the centre of `el`. */
function uncovered(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const root = el.getRootNode() as Document | ShadowRoot;
  const top = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top !== null && (top === el || el.contains(top) || top.contains(el));
}

/** The paint-level verdict for `el` that v2 would give, given that v1 finds it on screen. */
export function paintedVisible(el: Element): boolean {
  let node: Element | null = el;
  while (node) {
    if (!unfaded(node) || !uncovered(node)) return false;
    let frame: Element | null = null;
    try {
      // The frame element that embeds this document, when the embedder is same-origin; null at the top.
      frame = node.ownerDocument.defaultView?.frameElement ?? null;
    } catch {
      frame = null;
    }
    node = frame;
  }
  return true;
}
