/**
 * Gathers the facts `scoreField` needs from a live input: its own attributes, the text that labels it,
 * and the text around it. Text is capped so a huge page costs no more than a small one.
 */
import type { FieldFacts } from '../../core/otp-field/score';
import type { OpenShadow } from './collect';
import { visibleText } from './visible-text';

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

/**
 * The visible text of a field's section: its largest ancestor (up to five levels, stepping out of
 * shadow roots) whose visible text stays small, and the blocks just before it (a heading above the
 * form). Only what a person sees counts: never <title>, <style>, <script> or hidden elements, which on a
 * small page used to be read as if they described the field. Links and buttons are left out: "Use a
 * recovery code" or "Send the code by e-mail instead" offer another way; they do not say what this
 * field asks for.
 */
export function nearText(el: Element, openShadow?: OpenShadow): string {
  let box: Element | null = null;
  let boxText = '';
  for (let a = parentOf(el), i = 0; a && i < 5; a = parentOf(a), i++) {
    const text = visibleText(a, NEAR_MAX + 1, openShadow);
    if (text.length > NEAR_MAX) break;
    [box, boxText] = [a, text];
  }
  // When even the parent is large, look only at what sits just before the field.
  const parts = [boxText];
  let sib = (box ?? el).previousElementSibling;
  for (let i = 0; sib && i < 3; sib = sib.previousElementSibling, i++) parts.push(visibleText(sib, LABEL_MAX, openShadow));
  return parts.join('\n');
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
