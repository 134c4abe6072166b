/**
 * The wrong-PIN wait is counted in observed time: a system clock moved forward (or back) neither
 * lifts nor stretches it while the worker runs, and across a restart it credits at most MAX_UNSEEN_MS.
 */
import { describe, expect, it } from 'vitest';
import { FREE_TRIES } from '../../src/core/pin-policy';
import { afterFailure, MAX_UNSEEN_MS, NO_FAILURES, observe, parseThrottle, retryAt, type ClockReading, type ThrottleState } from '../../src/core/vault/throttle';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000;
const at = (wall: number, mono: number, run = 'a'): ClockReading => ({ wall, mono, run });

/** `n` wrong tries at `reading`. */
function failed(n: number, reading: ClockReading): ThrottleState {
  let s = NO_FAILURES;
  for (let i = 0; i < n; i++) s = afterFailure(s, reading);
  return s;
}

/** Milliseconds left at `reading`, or 0. */
const left = (s: ThrottleState, r: ClockReading): number => (retryAt(s, r) ?? r.wall) - r.wall;

describe('wrong-PIN wait', () => {
  it('five free tries, then 30 s, 1 min, 5 min, 15 min, 1 h, 1 h', () => {
    const start = at(T0, 0);
    expect(retryAt(failed(FREE_TRIES - 1, start), start)).toBeNull();
    expect([5, 6, 7, 8, 9, 10].map((n) => left(failed(n, start), start))).toEqual([30_000, MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 60 * MINUTE]);
  });

  it('within a run the monotonic clock counts: a wait ends on time', () => {
    const s = failed(5, at(T0, 1000));
    expect(left(s, at(T0 + 29_999, 30_999))).toBe(1);
    expect(retryAt(s, at(T0 + 30_000, 31_000))).toBeNull();
  });

  it.each([
    ['forward an hour', 60 * MINUTE],
    ['forward a year', 365 * 24 * 60 * MINUTE],
    ['back an hour', -60 * MINUTE],
  ])('the system clock moved %s during a run neither lifts nor stretches the wait', (_name, jump) => {
    const s = failed(9, at(T0, 0)); // an hour's wait
    const later = at(T0 + jump + 10 * MINUTE, 10 * MINUTE);
    expect(left(s, later)).toBe(50 * MINUTE);
    // The popup's countdown is on the wall clock it shows: now plus what is left.
    expect(retryAt(s, later)).toBe(later.wall + 50 * MINUTE);
  });

  it('a restart with the clock moved forward credits at most MAX_UNSEEN_MS, however far it moved', () => {
    const s = failed(9, at(T0, 5_000, 'a'));
    for (const jump of [2 * MINUTE, 60 * MINUTE, 365 * 24 * 60 * MINUTE]) {
      expect(left(s, at(T0 + jump, 3, 'b'))).toBe(60 * MINUTE - MAX_UNSEEN_MS);
    }
  });

  it('a restart with the clock moved back credits nothing, and time counts again from there', () => {
    const s = observe(failed(5, at(T0, 0, 'a')), at(T0 - 60 * MINUTE, 0, 'b'));
    expect(left(s, at(T0 - 60 * MINUTE, 0, 'b'))).toBe(30_000);
    expect(retryAt(s, at(T0 - 60 * MINUTE + 30_000, 30_000, 'b'))).toBeNull();
  });

  it('a closed browser restarts the current wait, less MAX_UNSEEN_MS; the wait counts on after the restart', () => {
    const s = observe(failed(7, at(T0, 0, 'a')), at(T0 + 2 * MINUTE, 2 * MINUTE, 'a')); // 5-minute wait, 2 served
    expect(left(s, at(T0 + 2 * MINUTE, 2 * MINUTE, 'a'))).toBe(3 * MINUTE);
    const restarted = observe(s, at(T0 + 24 * 60 * MINUTE, 50, 'b'));
    expect(left(restarted, at(T0 + 24 * 60 * MINUTE, 50, 'b'))).toBe(2 * MINUTE);
    expect(retryAt(restarted, at(T0 + 24 * 60 * MINUTE + 2 * MINUTE, 50 + 2 * MINUTE, 'b'))).toBeNull();
  });

  it('a worker that stops between 30 s heartbeats loses nothing: a 15-minute wait ends after 30 beats', () => {
    let s = failed(8, at(T0, 0, 'run0'));
    for (let beat = 1; beat < 30; beat++) s = observe(s, at(T0 + beat * 30_000, 7, `run${beat}`));
    expect(left(s, at(T0 + 29 * 30_000, 7, 'run29'))).toBe(30_000);
    expect(retryAt(s, at(T0 + 30 * 30_000, 7, 'run30'))).toBeNull();
  });

  it('a wait served in full is left as it is (nothing to write back on every read)', () => {
    const s = observe(failed(5, at(T0, 0)), at(T0 + MINUTE, MINUTE));
    expect(retryAt(s, at(T0 + MINUTE, MINUTE))).toBeNull();
    expect(observe(s, at(T0 + 2 * MINUTE, 2 * MINUTE))).toBe(s);
  });

  it('reading again at the same moment credits the time once', () => {
    const s = failed(9, at(T0, 0, 'a'));
    const r = at(T0 + 5 * MINUTE, 42, 'b');
    const once = observe(s, r);
    expect(observe(once, r)).toEqual(once);
    expect(observe(observe(once, r), r).waited).toBe(MAX_UNSEEN_MS);
  });

  it('parses leniently: older wall-clock state and malformed state keep the wait, counted from now', () => {
    expect(parseThrottle(undefined)).toEqual(NO_FAILURES);
    expect(parseThrottle({ failures: 7, lastFailureAt: T0 })).toEqual({ failures: 7, waited: 0, seen: null });
    expect(parseThrottle({ failures: 'many' }).failures).toBe(FREE_TRIES);
    expect(parseThrottle({ failures: 6, waited: 999_999, seen: { wall: 'x' } })).toEqual({ failures: 6, waited: 0, seen: null });
    const old = parseThrottle({ failures: 5, lastFailureAt: T0 - 24 * 60 * MINUTE });
    const first = at(T0, 0);
    expect(left(old, first)).toBe(30_000); // the read starts the count …
    expect(left(observe(old, first), at(T0 + 29_000, 29_000))).toBe(1000); // … and time counts from it
  });
});
