import { useEffect, useState } from 'preact/hooks';

/** Just past each whole second, so a TOTP boundary (always on a whole second) is seen at once. */
const SLACK_MS = 5;

/**
 * The popup's one timer: the current time, updated just after every whole second. Every countdown,
 * code switch and feedback message reads this value instead of keeping a timer of its own.
 */
export function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer = 0;
    const tick = (): void => {
      setNow(Date.now());
      timer = window.setTimeout(tick, 1000 - (Date.now() % 1000) + SLACK_MS);
    };
    timer = window.setTimeout(tick, 1000 - (Date.now() % 1000) + SLACK_MS);
    // A hidden page's timers are throttled; catch up as soon as it is shown again.
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') setNow(Date.now());
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return now;
}
