/**
 * Whether a person can see and type into a field. Layout decides, so this runs in a real page.
 * Opacity is deliberately not checked: code widgets often lay a transparent real input over
 * display-only boxes, and that input is the one to fill.
 */

/** True when the input can receive typed text: enabled, writable, rendered, on the page, not aria-hidden. */
export function isTypable(el: HTMLInputElement): boolean {
  if (el.disabled || el.readOnly || el.type === 'hidden') return false;
  if (el.getAttribute('aria-hidden') === 'true') return false;
  // checkVisibility covers display:none ancestors, content-visibility and (with the flag) visibility:hidden.
  if (!el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  // Parked off-screen (left: -9999px) is the classic way to hide a honeypot field.
  const view = el.ownerDocument.defaultView;
  return r.right + (view?.scrollX ?? 0) > 0 && r.bottom + (view?.scrollY ?? 0) > 0;
}
