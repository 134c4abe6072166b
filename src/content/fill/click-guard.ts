/**
 * Whether a click on Twostep's in-page button was a person pressing a button they could see. The page
 * owns everything around our closed shadow root: it can fade the host or an ancestor (opacity, filter),
 * make the frame we are in transparent, or draw a decoy over the button and let clicks through
 * (pointer-events: none). A click counts only when:
 *
 * - the event is trusted (not dispatched by a script);
 * - IntersectionObserver v2 has judged the button visible without a break for at least its delay;
 * - at the click point nothing of this document is above the host, and nothing on its way up to the
 *   root fades or filters it (checked at once: the observer reports changes up to ~100 ms late);
 * - a fresh observer verdict taken after the click still finds it visible.
 */
import { VISIBILITY_DELAY_MS, watchVisibility } from '../otp-field/visible';

export interface ClickGuard {
  /** Resolves true when `e` may act (see above). */
  counts(e: MouseEvent): Promise<boolean>;
  stop(): void;
}

function plainlyShown(host: HTMLElement, x: number, y: number): boolean {
  if (!host.isConnected) return false;
  for (let n: Element | null = host; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (Number(s.opacity) < 1 || s.filter !== 'none') return false;
    if (n === host && s.visibility !== 'visible') return false;
  }
  // Keyboard activation has no pointer position (0, 0 in the viewport): the visibility checks decide alone.
  if (x === 0 && y === 0) return true;
  return document.elementFromPoint(x, y) === host;
}

/** One IntersectionObserver v2 verdict, taken now. */
function visibleNow(el: Element): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = watchVisibility(el, (visible) => {
      stop();
      resolve(visible);
    });
  });
}

/** Watches `box` (inside the closed root of `host`) from now on. */
export function guardClicks(host: HTMLElement, box: HTMLElement): ClickGuard {
  /** performance.now() since when the box has been visible without a break; null while it is not. */
  let visibleSince: number | null = null;
  const stop = watchVisibility(box, (visible) => {
    visibleSince = visible ? (visibleSince ?? performance.now()) : null;
  });
  return {
    async counts(e) {
      const shownFor = visibleSince === null ? -1 : performance.now() - visibleSince;
      if (!e.isTrusted || shownFor < VISIBILITY_DELAY_MS || !plainlyShown(host, e.clientX, e.clientY)) return false;
      return visibleNow(box);
    },
    stop,
  };
}
