import { plural } from '../../shared/i18n';

const R = 10;
const CIRCUMFERENCE = 2 * Math.PI * R;

/**
 * A ring that empties over the code's period, with the seconds left in the middle. The ring is set to
 * where it must be at the next tick and eases there over one second (CSS transition), so it moves
 * smoothly on the popup's one-per-second clock. Give it `key={validFrom}` so a new period remounts it and the
 * ring never runs backwards.
 */
export function Countdown({ validFrom, validUntil, now }: { validFrom: number; validUntil: number; now: number }) {
  const period = Math.max(1, validUntil - validFrom);
  const left = Math.max(0, validUntil - now);
  const seconds = Math.ceil(left / 1000);
  const fractionAtNextTick = Math.min(1, Math.max(0, (left - 1000) / period));
  return (
    <span
      class={seconds <= 5 ? 'countdown urgent' : 'countdown'}
      data-testid="countdown"
      title={plural('seconds_left', seconds)}
    >
      <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
        <circle class="track" cx="12" cy="12" r={R} />
        <circle
          class="arc"
          cx="12"
          cy="12"
          r={R}
          stroke-dasharray={CIRCUMFERENCE}
          stroke-dashoffset={CIRCUMFERENCE * (1 - fractionAtNextTick)}
        />
      </svg>
      <span class="seconds" data-testid="seconds">
        {seconds}
      </span>
    </span>
  );
}
