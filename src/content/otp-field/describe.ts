/**
 * Gathers the facts `scoreField` needs from a live input: its own attributes, the text that labels it,
 * and the text around it. Text is capped so a huge page costs no more than a small one.
 */
import type { FieldFacts } from './score';

/** Containers with more text than this are the page, not the field's surroundings. */
const NEAR_MAX = 600;
const LABEL_MAX = 300;

const clip = (s: string | null | undefined, max = LABEL_MAX): string => (s ?? '').slice(0, max);

/** The element's parent, stepping out of a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Text of the elements named by an IDREF list (aria-labelledby, aria-describedby), in the same tree. */
function byIds(el: Element, attr: string): string {
  const ids = el.getAttribute(attr);
  if (!ids) return '';
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => clip(root.getElementById(id)?.textContent))
    .join(' ');
}

/** Every text that names the field: <label for>, wrapping <label>, ARIA, placeholder, title. */
export function labelText(el: HTMLInputElement): string {
  const parts: string[] = [];
  for (const l of Array.from(el.labels ?? [])) parts.push(clip(l.textContent));
  parts.push(byIds(el, 'aria-labelledby'), byIds(el, 'aria-describedby'));
  for (const a of ['aria-label', 'placeholder', 'title']) parts.push(clip(el.getAttribute(a)));
  return parts.join(' ');
}

/** The text of an element's surroundings: its largest small ancestor, and headings just before it. */
export function nearText(el: Element): string {
  let box: Element | null = null;
  for (let a = parentOf(el), i = 0; a && i < 5; a = parentOf(a), i++) {
    if ((a.textContent?.length ?? 0) > NEAR_MAX) break;
    box = a;
  }
  // When even the parent is large, look only at what sits just before the field.
  const anchor = box ?? el;
  const parts = [box?.textContent ?? ''];
  let sib = anchor.previousElementSibling;
  for (let i = 0; sib && i < 3; sib = sib.previousElementSibling, i++) {
    if (sib.tagName !== 'SCRIPT' && sib.tagName !== 'STYLE') parts.push(clip(sib.textContent));
  }
  return parts.join(' ');
}

/** The label of a group of boxes (role=group aria-label, aria-labelledby). */
export function groupLabel(container: Element): string {
  return `${clip(container.getAttribute('aria-label'))} ${byIds(container, 'aria-labelledby')}`;
}

/**
 * The facts of one input, without `near` (the surroundings cost more to read, so the caller adds
 * them only when they could change the verdict); `extraLabel` adds a row's shared label.
 */
export function describe(el: HTMLInputElement, extraLabel = ''): FieldFacts {
  return {
    type: el.type,
    autocomplete: el.getAttribute('autocomplete') ?? '',
    name: el.name,
    id: el.id,
    label: `${labelText(el)} ${extraLabel}`,
    near: '',
    inputMode: el.inputMode,
    pattern: el.pattern,
    maxLength: el.maxLength,
    minLength: el.minLength,
  };
}
