/**
 * Whether a person can see and type into a field. Layout decides, so this runs in a real page.
 * `isTypable` is the cheap structural check used while searching; `seenByUser` is the paint-level
 * check made before any code goes into a field.
 */
import { paintedVisible } from './painted';

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

/** IntersectionObserver v2 (Chromium 74+; not yet in TypeScript's DOM types). */
interface VisibilityInit extends IntersectionObserverInit {
  trackVisibility: boolean;
  delay: number;
}

/** The delay IO v2 requires with trackVisibility (its minimum): notifications come at most this often. */
export const VISIBILITY_DELAY_MS = 100;

/**
 * Watches whether `el` is visible to the user as IntersectionObserver v2 judges it: on screen, opacity 1
 * on it and every ancestor, no filter, only 2D translation or scaling, and not covered by other
 * content, across frames (a frame made transparent or covered by its embedder makes everything in it
 * invisible). `report` gets each change; the returned function stops watching.
 */
export function watchVisibility(el: Element, report: (visible: boolean) => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    report(false);
    return () => undefined;
  }
  const init: VisibilityInit = { trackVisibility: true, delay: VISIBILITY_DELAY_MS, threshold: [0, 1] };
  const io = new IntersectionObserver((entries) => {
    const last = entries[entries.length - 1];
    if (!last) return;
    // (Read by name: the field is missing from some TypeScript DOM libraries.)
    const v2: unknown = Reflect.get(last, 'isVisible');
    // A browser without v2 (Firefox) leaves isVisible undefined: the same checks are made directly (painted.ts).
    report(v2 === undefined ? last.isIntersecting && paintedVisible(el) : v2 === true);
  }, init);
  io.observe(el);
  return () => io.disconnect();
}

/**
 * Resolves true once `el` is visible to the user (see `watchVisibility`), false when it is not within
 * `within` ms. A code widget that lays a transparent real input over display-only boxes is judged by
 * the input's parent: the boxes the user sees (a frame or ancestor made transparent still fails).
 */
export function seenByUser(el: Element, within = 3000): Promise<boolean> {
  const view = el.ownerDocument.defaultView;
  const ownOpacity = view ? Number(view.getComputedStyle(el).opacity) : 1;
  const judged = ownOpacity < 1 && el.parentElement ? el.parentElement : el;
  return new Promise((resolve) => {
    let stop = (): void => undefined;
    const timer = setTimeout(() => finish(false), within);
    function finish(seen: boolean): void {
      clearTimeout(timer);
      stop();
      resolve(seen);
    }
    stop = watchVisibility(judged, (visible) => {
      if (visible) finish(true);
    });
  });
}
