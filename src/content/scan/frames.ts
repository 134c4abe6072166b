/**
 * Where frames from other sites are painted in the top-level viewport. A capture of the tab shows
 * their pixels like the page's own, so a QR code read where one of them is belongs to that frame's
 * site, not to the top page's (a phishing page framing the real set-up page must not own the
 * account). Twostep cannot run in such a frame with only activeTab, but this script's own view of
 * the layout is truthful: the page cannot hide an element from `openOrClosedShadowRoot` or from an
 * isolated world's `contentDocument`.
 *
 * A frame counts as foreign when its document cannot be read from here: `<iframe>`/`<frame>`/
 * `<object>` of another origin (or sandboxed), and every `<embed>` and `<fencedframe>`. Boxes are
 * read from an IntersectionObserver's first entries, which the browser computes in the rendering
 * step after all of the page's scripts for that frame ran, so a page that moves a frame in only for
 * the paint is still seen where it was painted.
 */
import type { PageRect } from '../../shared/protocol';
import type { ShadowOpener } from './candidates';

export interface ForeignFrame {
  element: Element;
  /** Where the element's own viewport starts in the top-level one (same-origin frames between). */
  offset: { x: number; y: number };
}

const HTML = 'http://www.w3.org/1999/xhtml';
const FRAME_TAGS = new Set(['iframe', 'frame', 'object', 'embed', 'fencedframe']);
const MAX_ELEMENTS = 50_000;
/** The worker takes at most this many boxes; more become one box over the whole viewport. */
export const MAX_FRAME_BOXES = 64;
/** IntersectionObserver reports after the next paint; a tab that paints nothing this long is treated as covered. */
const OBSERVE_TIMEOUT_MS = 1000;

/** The document inside a frame element when this script may read it, else null. */
function readableDocument(el: Element): Document | null {
  if (el.localName === 'embed' || el.localName === 'fencedframe') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}

/** Every foreign frame in the page, through shadow roots (open or closed) and readable frames. */
export function foreignFrames(shadowOf: ShadowOpener, ignore: Element): ForeignFrame[] {
  const found: ForeignFrame[] = [];
  let budget = MAX_ELEMENTS;
  const walk = (root: Document | ShadowRoot, offset: ForeignFrame['offset']): void => {
    const doc = (root.nodeType === Node.DOCUMENT_NODE ? root : root.ownerDocument) as Document;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node as Element;
      if (budget-- <= 0) return;
      if (el === ignore) continue;
      const shadow = shadowOf(el);
      if (shadow) walk(shadow, offset);
      if (el.namespaceURI !== HTML || !FRAME_TAGS.has(el.localName)) continue;
      const inner = readableDocument(el);
      if (!inner) {
        found.push({ element: el, offset });
        continue;
      }
      const r = el.getBoundingClientRect();
      const style = el.ownerDocument.defaultView?.getComputedStyle(el);
      walk(inner, {
        x: offset.x + r.x + el.clientLeft + parseFloat(style?.paddingLeft ?? '0'),
        y: offset.y + r.y + el.clientTop + parseFloat(style?.paddingTop ?? '0'),
      });
    }
  };
  walk(document, { x: 0, y: 0 });
  // A page too large to walk: count it as one foreign frame over everything, to be safe.
  if (budget < 0) found.push({ element: document.documentElement, offset: { x: 0, y: 0 } });
  return found;
}

/** The boxes the frames were painted at, in the same order; resolves after the next rendering step. */
export function paintedBoxes(frames: readonly ForeignFrame[]): Promise<PageRect[]> {
  if (frames.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    const viewport = (): PageRect[] => frames.map(() => ({ x: 0, y: 0, width: window.innerWidth, height: window.innerHeight }));
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(viewport());
    }, OBSERVE_TIMEOUT_MS);
    const boxes = new Map<Element, DOMRectReadOnly>();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) boxes.set(entry.target, entry.boundingClientRect);
      if (!frames.every((f) => boxes.has(f.element))) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve(
        frames.map(({ element, offset }) => {
          const r = boxes.get(element) as DOMRectReadOnly;
          return { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
        }),
      );
    });
    for (const f of frames) observer.observe(f.element);
  });
}

/** The boxes worth sending: with some area and some of it in the viewport; too many become the viewport. */
export function boxesToSend(boxes: readonly PageRect[]): PageRect[] {
  const inView = boxes.filter((b) => b.width > 0 && b.height > 0 && b.x < window.innerWidth && b.y < window.innerHeight && b.x + b.width > 0 && b.y + b.height > 0);
  return inView.length > MAX_FRAME_BOXES ? [{ x: 0, y: 0, width: window.innerWidth, height: window.innerHeight }] : inView;
}

/** A snapshot of the foreign frames and their painted boxes, to tell whether the page moved them meanwhile. */
export interface FrameLayout {
  frames: ForeignFrame[];
  boxes: PageRect[];
}

export async function frameLayout(shadowOf: ShadowOpener, ignore: Element): Promise<FrameLayout> {
  const frames = foreignFrames(shadowOf, ignore);
  return { frames, boxes: await paintedBoxes(frames) };
}

/** True when the same frames were painted at the same places (to half a pixel). */
export function sameLayout(a: FrameLayout, b: FrameLayout): boolean {
  if (a.frames.length !== b.frames.length) return false;
  const near = (p: number, q: number): boolean => Math.abs(p - q) <= 0.5;
  return a.frames.every((f, i) => {
    const g = b.frames[i];
    const p = a.boxes[i];
    const q = b.boxes[i];
    return g?.element === f.element && p && q && near(p.x, q.x) && near(p.y, q.y) && near(p.width, q.width) && near(p.height, q.height);
  });
}
