/**
 * Which elements look like a QR code, and where they are in the top-level viewport: `<img>`, `<canvas>`,
 * inline `<svg>` and elements with a CSS background image, roughly square and at least 40 px, also
 * inside shadow roots and same-origin frames (their boxes shifted by the frames' offsets). A
 * cross-origin frame under the pointer counts as a whole: the capture reads whatever it shows.
 */
import type { PageRect } from '../../shared/protocol';

export interface Candidate {
  element: Element;
  /** Top-level viewport CSS px. */
  rect: PageRect;
}

/** Opens closed shadow roots too (`chrome.dom.openOrClosedShadowRoot` in a content script). */
export type ShadowOpener = (el: Element) => ShadowRoot | null;

interface Offset {
  x: number;
  y: number;
}

const MIN_SIDE = 40;
/** Longer side over shorter side; a QR code with a caption inside the same element still passes. */
const MAX_ASPECT = 1.5;
/** Walking a huge page for the "exactly one QR code" offer stops here; the click still works. */
const MAX_ELEMENTS = 20_000;

export class CandidateFinder {
  constructor(
    private readonly shadowOf: ShadowOpener,
    /** Our own UI's host, never a candidate. */
    private readonly ignore: Element,
  ) {}

  /** The likely QR element under a top-level viewport point, or null. */
  at(x: number, y: number): Candidate | null {
    return this.atIn(document, x, y, { x: 0, y: 0 }, new Set());
  }

  /** Every likely QR element that is mostly on screen and not covered, in screen order (see `inScreenOrder`). */
  visible(): Candidate[] {
    const found: Candidate[] = [];
    let budget = MAX_ELEMENTS;
    const walk = (root: Document | ShadowRoot, offset: Offset): void => {
      // By node type, not instanceof: a shadow root in a same-origin frame belongs to another realm.
      const doc = (root.nodeType === Node.DOCUMENT_NODE ? root : root.ownerDocument) as Document;
      const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node && budget-- > 0; node = walker.nextNode()) {
        const el = node as Element;
        if (el === this.ignore) continue;
        const shadow = this.shadowOf(el);
        if (shadow) walk(shadow, offset);
        if (isFrame(el)) {
          const inner = frameContent(el, offset);
          if (inner) walk(inner.doc, inner.offset);
          continue;
        }
        const rect = shifted(el.getBoundingClientRect(), offset);
        if (!roughlySquare(rect) || !mostlyOnScreen(rect) || !isQrLike(el)) continue;
        // Covered by something else (a dialog, a sticky header)? The centre must hit the element itself.
        if (this.at(rect.x + rect.width / 2, rect.y + rect.height / 2)?.element === el) found.push({ element: el, rect });
      }
    };
    walk(document, { x: 0, y: 0 });
    return inScreenOrder(found);
  }

  private atIn(root: Document | ShadowRoot, x: number, y: number, offset: Offset, seen: Set<Node>): Candidate | null {
    if (seen.has(root)) return null;
    seen.add(root);
    for (const hit of root.elementsFromPoint(x - offset.x, y - offset.y)) {
      if (hit === this.ignore || hit === document.documentElement || hit === document.body) continue;
      const shadow = this.shadowOf(hit);
      const inShadow = shadow ? this.atIn(shadow, x, y, offset, seen) : null;
      if (inShadow) return inShadow;
      if (isFrame(hit)) {
        const inner = frameContent(hit, offset);
        if (inner) {
          const inFrame = this.atIn(inner.doc, x, y, inner.offset, seen);
          if (inFrame) return inFrame;
          continue;
        }
        const rect = shifted(hit.getBoundingClientRect(), offset);
        if (Math.min(rect.width, rect.height) >= MIN_SIDE) return { element: hit, rect };
        continue;
      }
      const el = isSvg(hit) ? outermostSvg(hit) : hit;
      const rect = shifted(el.getBoundingClientRect(), offset);
      if (roughlySquare(rect) && isQrLike(el)) return { element: el, rect };
    }
    return null;
  }
}

// Elements of a same-origin frame come from another realm, where `instanceof HTMLImageElement` is
// false: the checks go by namespace and name.
const HTML = 'http://www.w3.org/1999/xhtml';
const SVG = 'http://www.w3.org/2000/svg';
/**
 * Reading order on screen, top to bottom and then left to right, whatever the DOM order: the arrow keys
 * walk the codes as a user sees them (issue 12), where a page positioned them with CSS. Boxes whose
 * vertical centre lies within a row's first box share that row, so a few pixels of misalignment do not
 * split a row.
 */
export function inScreenOrder<T extends { rect: PageRect }>(items: readonly T[]): T[] {
  const rows: T[][] = [];
  for (const item of [...items].sort((a, b) => a.rect.y - b.rect.y)) {
    const row = rows[rows.length - 1];
    const lead = row?.[0]?.rect;
    const centre = item.rect.y + item.rect.height / 2;
    if (row && lead && centre < lead.y + lead.height) row.push(item);
    else rows.push([item]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.rect.x - b.rect.x));
}

const isHtml = (el: Element, name: string): boolean => el.namespaceURI === HTML && el.localName === name;
const isSvg = (el: Element): el is SVGElement => el.namespaceURI === SVG;
const isFrame = (el: Element): el is HTMLIFrameElement => isHtml(el, 'iframe');

function isQrLike(el: Element): boolean {
  if (isHtml(el, 'img') || isHtml(el, 'canvas') || (isSvg(el) && el.localName === 'svg')) return true;
  if (isHtml(el, 'html') || isHtml(el, 'body')) return false;
  const view = el.ownerDocument.defaultView;
  return view !== null && /url\(/i.test(view.getComputedStyle(el).backgroundImage);
}

/** An inline SVG is picked whole, whichever of its shapes is under the pointer. */
function outermostSvg(el: SVGElement): Element {
  let svg: SVGElement = el;
  while (svg.ownerSVGElement) svg = svg.ownerSVGElement;
  return svg;
}

function roughlySquare(r: PageRect): boolean {
  const short = Math.min(r.width, r.height);
  return short >= MIN_SIDE && Math.max(r.width, r.height) / short <= MAX_ASPECT;
}

/** At least 80% of the box is inside the viewport. */
function mostlyOnScreen(r: PageRect): boolean {
  const w = Math.min(r.x + r.width, window.innerWidth) - Math.max(r.x, 0);
  const h = Math.min(r.y + r.height, window.innerHeight) - Math.max(r.y, 0);
  return w > 0 && h > 0 && (w * h) / (r.width * r.height) >= 0.8;
}

function shifted(r: DOMRect, offset: Offset): PageRect {
  return { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
}

/** A same-origin frame's document and where its viewport starts (border and padding included). */
function frameContent(frame: HTMLIFrameElement, offset: Offset): { doc: Document; offset: Offset } | null {
  let doc: Document | null = null;
  try {
    doc = frame.contentDocument;
  } catch {
    return null;
  }
  const view = frame.ownerDocument.defaultView;
  if (!doc || !view) return null;
  const r = frame.getBoundingClientRect();
  const style = view.getComputedStyle(frame);
  return {
    doc,
    offset: {
      x: offset.x + r.x + frame.clientLeft + parseFloat(style.paddingLeft || '0'),
      y: offset.y + r.y + frame.clientTop + parseFloat(style.paddingTop || '0'),
    },
  };
}
