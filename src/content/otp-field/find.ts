/**
 * Finds the field where an authenticator code goes: one input, or a row of split boxes. Pure DOM,
 * no extension APIs, so the same code runs in the content script, in tests and in the benchmark.
 */
import { collectInputs, type OpenShadow } from './collect';
import { describe, groupLabel, labelText, nearText } from './describe';
import { accepts, fillableType, APP_BONUS, scoreField, THRESHOLD, type Verdict } from '../../core/otp-field/score';
import { isBox, splitRows } from './split';
import { isTypable } from './visible';

export type OtpTarget = { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

export interface FindOptions {
  /** Opens closed shadow roots; in the extension, `chrome.dom.openOrClosedShadowRoot`. */
  openShadow?: OpenShadow;
  /**
   * Search shadow roots even when `root` has no input of its own. Off by default, so a page without
   * inputs costs one querySelector (the on-load check); finding shadow hosts takes a pass over every
   * element (about 0.7 ms per 5,000). Turn it on when a person asked to fill, so forms built only of
   * web components are found too. With a light-DOM input present, shadow roots are always searched.
   */
  deep?: boolean;
  /** Called with every shadow root searched: mutations inside one never reach a document's observer. */
  onRoot?: (root: ShadowRoot) => void;
}

/** Structure alone is evidence: 4-8 one-character boxes in a row are rarely anything else. */
const SPLIT_BONUS = 4;
/** A field the page focused on load is the one it wants typed into. */
const FOCUS_BONUS = 1;

/** The best OTP target under `root` (a document or a shadow root), or null when nothing qualifies. */
export function findOtpTarget(root: Document | ShadowRoot, opts: FindOptions = {}): OtpTarget | null {
  if (!opts.deep && !root.querySelector('input')) return null;
  const inputs = collectInputs(root, opts.openShadow, opts.onRoot);
  if (inputs.length === 0) return null;

  let best: OtpTarget | null = null;
  let bestScore = -Infinity;
  // Splits are considered first, so on a tie the row of boxes wins over a lone field.
  const consider = (target: OtpTarget, v: Verdict): void => {
    if (accepts(v) && v.score > bestScore) [best, bestScore] = [target, v.score];
  };

  const boxes: { el: HTMLInputElement; rect: DOMRect }[] = [];
  const singles: HTMLInputElement[] = [];
  for (const el of inputs) {
    if (!fillableType(el.type) || !isTypable(el)) continue;
    const rect = el.getBoundingClientRect();
    if (isBox(el, rect)) boxes.push({ el, rect });
    else if (el.maxLength === -1 || el.maxLength >= 4) singles.push(el);
  }

  for (const row of boxes.length >= 4 ? splitRows(boxes) : []) {
    const first = row[0]!;
    const container = first.parentElement ?? first;
    // A row is labelled by its container (role=group aria-label...) as often as by its boxes.
    const label = `${labelText(row[row.length - 1]!)} ${groupLabel(container)}`;
    consider({ kind: 'split', inputs: row }, judge(first, label, container, SPLIT_BONUS, opts.openShadow));
  }
  const active = activeInput(root);
  for (const el of singles) consider({ kind: 'single', input: el }, judge(el, '', el, el === active ? FOCUS_BONUS : 0, opts.openShadow));
  return best;
}

/** Scores a field, reading the text around it only when that could change the verdict. */
function judge(el: HTMLInputElement, label: string, nearOf: Element, extra: number, openShadow?: OpenShadow): Verdict {
  const facts = describe(el, label);
  const own = scoreField(facts, extra);
  if (own.excluded || own.score + APP_BONUS < THRESHOLD) return own;
  return scoreField({ ...facts, near: nearText(nearOf, openShadow) }, extra);
}

/** The focused input, looking through shadow roots' own activeElement. */
function activeInput(root: Document | ShadowRoot): Element | null {
  let a = root.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
