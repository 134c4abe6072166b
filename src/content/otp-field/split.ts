/**
 * Split code boxes: 4-8 narrow one-character inputs side by side (one per digit), as Authelia,
 * PayPal and most "code input" widgets draw them.
 */
import { parentOf } from './describe';

/** Wider than this, a box holds more than one character. */
const NARROW_PX = 72;
const MIN_BOXES = 4;
const MAX_BOXES = 8;

interface Box {
  el: HTMLInputElement;
  rect: DOMRect;
}

/** Whether a (typable) input looks like a one-character box. */
export function isBox(el: HTMLInputElement, rect: DOMRect): boolean {
  if (el.type !== 'text' && el.type !== 'tel' && el.type !== 'number' && el.type !== 'password') return false;
  if (el.maxLength === 1) return true;
  // Unlimited boxes count when narrow (PayPal's type=number boxes rely on a script, not maxlength).
  return el.maxLength === -1 && rect.width <= NARROW_PX;
}

/**
 * Groups boxes into rows: boxes share an ancestor at most three levels up (each box may have its own
 * wrapper) and a line on screen. Returns the rows of 4-8 boxes, each in visual (left-to-right) order.
 */
export function splitRows(boxes: Box[]): HTMLInputElement[][] {
  const rows: HTMLInputElement[][] = [];
  let pending = boxes;
  for (let level = 1; level <= 3 && pending.length > 0; level++) {
    const groups = new Map<Element | null, Box[]>();
    for (const b of pending) {
      let a: Element | null = b.el;
      for (let i = 0; i < level && a; i++) a = parentOf(a);
      const g = groups.get(a);
      if (g) g.push(b);
      else groups.set(a, [b]);
    }
    pending = [];
    for (const g of groups.values()) {
      if (g.length === 1) pending.push(...g);
      else for (const line of lines(g)) if (line.length >= MIN_BOXES && line.length <= MAX_BOXES) rows.push(line);
    }
  }
  return rows;
}

/** Splits boxes of one container into lines (same vertical centre), each sorted left to right. */
function lines(g: Box[]): HTMLInputElement[][] {
  const out: Box[][] = [];
  for (const b of g) {
    const mid = b.rect.top + b.rect.height / 2;
    const line = out.find((l) => Math.abs(l[0]!.rect.top + l[0]!.rect.height / 2 - mid) <= b.rect.height / 2);
    if (line) line.push(b);
    else out.push([b]);
  }
  return out.map((l) => l.sort((a, b) => a.rect.left - b.rect.left).map((b) => b.el));
}
