/**
 * Wrong-PIN throttling. After five wrong tries each further try waits longer; the state is kept on
 * disk by the caller so it survives worker and browser restarts. No number of wrong tries deletes
 * anything: the vault is the user's, and a wipe would hand an attacker a way to destroy it.
 */
import { FREE_TRIES } from '../pin-policy';

export interface ThrottleState {
  /** Wrong tries since the last success. */
  failures: number;
  /** Epoch ms of the last wrong try, or 0. */
  lastFailureAt: number;
}

/** Waits after the 5th, 6th, 7th, ... wrong try; the last one repeats. */
export const WAITS_MS = [30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: 0 };

/** Epoch ms before which no try is accepted, or null when a try is allowed now. */
export function retryAt(state: ThrottleState, now: number): number | null {
  if (state.failures < FREE_TRIES) return null;
  const wait = WAITS_MS[Math.min(state.failures - FREE_TRIES, WAITS_MS.length - 1)] ?? 0;
  // A clock set backwards neither lifts the wait nor stretches it: the wait then starts again now.
  const from = now < state.lastFailureAt ? now : state.lastFailureAt;
  const until = from + wait;
  return until > now ? until : null;
}

/** The state after a wrong try at `now`. */
export function afterFailure(state: ThrottleState, now: number): ThrottleState {
  return { failures: state.failures + 1, lastFailureAt: now };
}

/** Parses stored state leniently; anything malformed counts as the most cautious reading. */
export function parseThrottle(value: unknown): ThrottleState {
  if (value === undefined || value === null) return NO_FAILURES;
  const v = value as Partial<ThrottleState>;
  const failures = typeof v.failures === 'number' && Number.isSafeInteger(v.failures) && v.failures >= 0 ? v.failures : FREE_TRIES;
  const lastFailureAt = typeof v.lastFailureAt === 'number' && Number.isFinite(v.lastFailureAt) ? v.lastFailureAt : 0;
  return { failures, lastFailureAt };
}
