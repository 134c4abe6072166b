/**
 * Wrong-PIN throttling. After five wrong tries each further try waits longer; the state is kept on
 * disk by the caller so it survives worker and browser restarts. No number of wrong tries deletes
 * anything: the vault is the user's, and a wipe would hand an attacker a way to destroy it.
 *
 * The wait is counted in observed time, not read off the wall clock, so setting the system clock
 * forward does not lift it. Each time the state is read (a try, the popup asking, a heartbeat alarm
 * while a wait runs) the time since the previous reading is credited to the wait:
 * - within one run of the worker, by the monotonic clock (`performance.now()`), which the system
 *   clock does not move;
 * - across a worker or browser restart, where no monotonic clock carries over, by the wall clock,
 *   but never less than zero and never more than MAX_UNSEEN_MS. A clock moved forward, or a browser
 *   closed for a day, counts as at most that much: a restart costs the rest of the wait, not lifts it.
 */
import { FREE_TRIES } from '../pin-policy';

/** One reading of the clocks. Monotonic readings compare only within the same `run`. */
export interface ClockReading {
  /** Epoch ms from the system clock: shown to the user, trusted only within a bound. */
  wall: number;
  /** A monotonic clock in ms (performance.now()); restarts with each run. */
  mono: number;
  /** Identifies the run of the monotonic clock (a random id per worker start). */
  run: string;
}

export interface ThrottleState {
  /** Wrong tries since the last success. */
  failures: number;
  /** Ms of the current wait already served, as credited at `seen`. */
  waited: number;
  /** The reading `waited` was last brought up to, or null (the wait counts from the next reading). */
  seen: ClockReading | null;
}

/** Waits after the 5th, 6th, 7th, ... wrong try; the last one repeats. */
export const WAITS_MS = [30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

/**
 * The most a gap between two runs may credit. A heartbeat alarm reads the state every 30 s while a
 * wait runs (Chrome 120's shortest alarm period), so a worker that stopped between two beats loses
 * nothing; 60 s leaves room for a late alarm.
 */
export const MAX_UNSEEN_MS = 60_000;

export const NO_FAILURES: ThrottleState = { failures: 0, waited: 0, seen: null };

/** The wait the current number of failures asks for, in ms (0 while tries are free). */
function waitFor(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return WAITS_MS[Math.min(failures - FREE_TRIES, WAITS_MS.length - 1)] ?? 0;
}

/** Time to credit between two readings (see the module comment). */
export function creditedMs(from: ClockReading | null, to: ClockReading): number {
  if (from === null) return 0;
  if (from.run === to.run) return Math.max(0, to.mono - from.mono);
  return Math.min(MAX_UNSEEN_MS, Math.max(0, to.wall - from.wall));
}

/** The state brought up to the reading `at`; reading twice at the same moment credits once. */
export function observe(state: ThrottleState, at: ClockReading): ThrottleState {
  // No wait, or one served in full: nothing to count (and nothing for the caller to write back).
  if (state.waited >= waitFor(state.failures)) return state;
  return { failures: state.failures, waited: state.waited + creditedMs(state.seen, at), seen: at };
}

/** Epoch ms (on the wall clock of `at`) before which no try is accepted, or null when a try is allowed now. */
export function retryAt(state: ThrottleState, at: ClockReading): number | null {
  const left = waitFor(state.failures) - observe(state, at).waited;
  return left > 0 ? at.wall + left : null;
}

/** The state after a wrong try at `at`: the next wait starts now. */
export function afterFailure(state: ThrottleState, at: ClockReading): ThrottleState {
  return { failures: state.failures + 1, waited: 0, seen: at };
}

/** Parses stored state leniently; anything malformed counts as the most cautious reading. */
export function parseThrottle(value: unknown): ThrottleState {
  if (value === undefined || value === null) return NO_FAILURES;
  const v = value as Partial<Record<keyof ThrottleState, unknown>>;
  const failures = typeof v.failures === 'number' && Number.isSafeInteger(v.failures) && v.failures >= 0 ? v.failures : FREE_TRIES;
  // Older state (a wall-clock `lastFailureAt`) or a malformed one: the wait counts afresh from now.
  const waited = typeof v.waited === 'number' && Number.isFinite(v.waited) && v.waited >= 0 ? v.waited : 0;
  return { failures, waited: parseReading(v.seen) === null ? 0 : waited, seen: parseReading(v.seen) };
}

function parseReading(value: unknown): ClockReading | null {
  if (typeof value !== 'object' || value === null) return null;
  const { wall, mono, run } = value as Record<string, unknown>;
  if (typeof wall !== 'number' || !Number.isFinite(wall) || typeof mono !== 'number' || !Number.isFinite(mono) || typeof run !== 'string') return null;
  return { wall, mono, run };
}
