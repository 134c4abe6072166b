/**
 * The text a person sees in an element, as `describe.ts` reads a field's section: rendered elements
 * only (display, visibility, opacity, content-visibility), shadow trees as they are drawn (a host's
 * open shadow root instead of its light children, a slot's assigned nodes), blocks separated by line
 * breaks so sentences of different blocks never run together. Reading stops after `max` characters.
 */
import type { OpenShadow } from './collect';

/**
 * Never visible text, or controls whose words offer another way rather than describe the field, and
 * our own inline button (TWOSTEP-FILL), whose words are not the page's.
 */
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TITLE', 'HEAD', 'META', 'A', 'BUTTON', 'SELECT', 'OPTION', 'TEXTAREA', 'SVG', 'IFRAME', 'TWOSTEP-FILL']);
const SKIP_ROLES = new Set(['button', 'link', 'menuitem', 'tab', 'option']);
/** Phrasing elements that continue a sentence; every other element starts a new block. */
const INLINE = new Set(['B', 'I', 'EM', 'STRONG', 'SPAN', 'SMALL', 'CODE', 'ABBR', 'MARK', 'SUP', 'SUB', 'U', 'S', 'FONT', 'TIME', 'BDI', 'BDO', 'Q', 'CITE', 'KBD', 'SAMP', 'VAR', 'DFN', 'WBR']);

function shown(el: Element): boolean {
  return el.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true });
}

/** Visible text of `root` (see above), at most about `max` characters. */
export function visibleText(root: Element, max: number, openShadow?: OpenShadow): string {
  let out = '';
  const visit = (node: Node): void => {
    if (out.length > max) return;
    if (node.nodeType === Node.TEXT_NODE) {
      out += node.nodeValue ?? '';
      return;
    }
    if (!(node instanceof Element)) {
      // A shadow root or a fragment: its children.
      for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
      return;
    }
    if (SKIP.has(node.tagName.toUpperCase()) || SKIP_ROLES.has(node.getAttribute('role') ?? '')) return;
    if (node.localName !== 'slot' && !shown(node)) return;
    const block = !INLINE.has(node.tagName.toUpperCase());
    if (block) out += '\n';
    // Closed roots live on custom elements (a hyphen in the name), as collect.ts assumes too.
    const shadow = node.shadowRoot ?? (openShadow && node.localName.includes('-') ? openShadow(node) : null);
    const slotted = node instanceof HTMLSlotElement ? node.assignedNodes() : [];
    const children: Iterable<Node> = shadow ? [shadow] : slotted.length > 0 ? slotted : node.childNodes;
    for (const c of children) visit(c);
    if (block) out += '\n';
  };
  visit(root);
  // Whitespace as it would collapse on screen: runs of spaces become one, block breaks stay.
  return out.replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim().slice(0, max);
}
