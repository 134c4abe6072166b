/**
 * Where frames from other sites are painted in the top-level viewport. A capture of the tab shows
 * their pixels like the page's own, so a QR code read where one of them is belongs to that frame's
 * site, not to the top page's (a phishing page framing the real set-up page must not own the
 * account). Twostep cannot run in such a frame with only activeTab, but this script's own view of
 * the layout is truthful: the page cannot hide an element from `openOrClosedShadowRoot` or from an
 * isolated world's `contentDocument`.
 *
 * A frame counts as foreign when its document cannot be read from here: `<iframe>`/`<frame>`/
 * `<object>` of another origin (or sandboxed), and every `<embed>` and `<fencedframe>`. Where they
 * are comes from IntersectionObserver entries, which the browser computes in each rendering step after
 * all of the page's scripts for that frame ran, so a page that moves a frame in only for the paint is
 * still seen where it was painted.
 */
import { cropMargin } from '../../core/qr/crop';
import type { PageRect } from '../../shared/protocol';
import type { ShadowOpener } from './candidates';

const HTML = 'http://www.w3.org/1999/xhtml';
const FRAME_TAGS = new Set(['iframe', 'frame', 'object', 'embed', 'fencedframe']);
const MAX_ELEMENTS = 50_000;
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

/** Every foreign frame element in the page, through shadow roots (open or closed) and readable frames. */
export function foreignFrames(shadowOf: ShadowOpener, ignore: Element): Element[] {
  const found: Element[] = [];
  let budget = MAX_ELEMENTS;
  const walk = (root: Document | ShadowRoot): void => {
    const doc = (root.nodeType === Node.DOCUMENT_NODE ? root : root.ownerDocument) as Document;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node && budget-- > 0; node = walker.nextNode()) {
      const el = node as Element;
      if (el === ignore) continue;
      const shadow = shadowOf(el);
      if (shadow) walk(shadow);
      if (el.namespaceURI !== HTML || !FRAME_TAGS.has(el.localName)) continue;
      const inner = readableDocument(el);
      if (inner) walk(inner);
      else found.push(el);
    }
  };
  walk(document);
  // A page too large to walk: count it as one foreign frame over everything, to be safe.
  if (budget <= 0) found.push(document.documentElement);
  return found;
}

/**
 * The worker's crop can reach a little further than `cropMargin` (it rounds out to device pixels): the
 * watched region is this much larger, so it always holds the crop. Larger only errs towards "framed".
 */
const ROUNDING_PX = 4;

/**
 * Watches the foreign frames from before the capture until after it. Two IntersectionObservers, one
 * on the viewport (the worker may read the whole tab) and one shrunk by `rootMargin` to the crop
 * around the picked box: their first entries say whether a frame is painted there, and any later
 * entry means a frame entered or left one of those regions in some painted frame meanwhile, however
 * briefly. The same observers decide both, so no frame can sit between what was checked and what was read.
 */
export class FrameWatch {
  /** A foreign frame was painted over the crop around the picked box (or over the viewport, for no box). */
  inBox = false;
  /** A foreign frame was painted somewhere in the viewport. */
  inView = false;
  private moved = false;
  private readonly observers: IntersectionObserver[] = [];

  private constructor(private readonly frames: Element[]) {}

  static start(shadowOf: ShadowOpener, ignore: Element, rect: PageRect | null): Promise<FrameWatch> {
    const watch = new FrameWatch(foreignFrames(shadowOf, ignore));
    if (watch.frames.length === 0) return Promise.resolve(watch);
    const viewport = { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight };
    const regions = rect ? [viewport, grown(rect, cropMargin(rect) + ROUNDING_PX)] : [viewport];
    return new Promise((resolve) => {
      let pending = regions.length;
      const timer = setTimeout(() => {
        // No paint for a second (a throttled tab?): count the frames as painted everywhere.
        watch.inBox = watch.inView = true;
        resolve(watch);
      }, OBSERVE_TIMEOUT_MS);
      regions.forEach((region, i) => {
        const seen = new Set<Element>();
        let first = true;
        const observer = new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (seen.has(entry.target)) watch.moved = true;
              seen.add(entry.target);
              if (!entry.isIntersecting) continue;
              if (i === 0) watch.inView = true;
              if (i === regions.length - 1) watch.inBox = true;
            }
            if (first && seen.size === watch.frames.length) {
              first = false;
              if (--pending > 0) return;
              clearTimeout(timer);
              resolve(watch);
            }
          },
          { rootMargin: marginFor(region, viewport), threshold: 0 },
        );
        for (const f of watch.frames) observer.observe(f);
        watch.observers.push(observer);
      });
    });
  }

  /** Stops watching; true when no frame crossed into or out of a region and the page holds the same foreign frames. */
  finish(shadowOf: ShadowOpener, ignore: Element): boolean {
    for (const o of this.observers) {
      // Entries computed in a rendering step but not yet delivered count too.
      if (o.takeRecords().length > 0) this.moved = true;
      o.disconnect();
    }
    const now = foreignFrames(shadowOf, ignore);
    return !this.moved && now.length === this.frames.length && now.every((f, i) => f === this.frames[i]);
  }
}

function grown(r: PageRect, by: number): PageRect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** The `rootMargin` that turns the viewport into `region` (negative insets shrink it). */
function marginFor(region: PageRect, viewport: PageRect): string {
  const top = -region.y;
  const left = -region.x;
  const right = region.x + region.width - viewport.width;
  const bottom = region.y + region.height - viewport.height;
  // Whole pixels: ROUNDING_PX covers the rounding, and a margin the parser refuses would throw.
  return [top, right, bottom, left].map((v) => `${Math.round(v)}px`).join(' ');
}
