/** How long the popup's work after its first frame waits for it at most (a popup never shown paints none). */
export const PAINT_BOUND_MS = 150;

/**
 * Resolves once the page has painted for the first time, or after `boundMs` when no paint is reported
 * (a page that is never shown paints nothing). Read from the Paint Timing entries, which come when the
 * frame is drawn, later than any effect or animation-frame callback of the render that made it.
 */
export function firstPaint(boundMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByType('paint').length > 0) return resolve();
    let observer: PerformanceObserver | null = null;
    const done = (): void => {
      observer?.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, boundMs);
    try {
      observer = new PerformanceObserver(done);
      observer.observe({ type: 'paint' });
    } catch {
      // No Paint Timing here: the bound alone decides.
    }
  });
}
