/** What the popup says about a PIN or passphrase: labels by kind, wrong tries and the wait after them. */
import type { ErrorCode } from '../core/errors';
import { FREE_TRIES, type SecretKind } from '../core/pin-policy';
import { errorCodeOf, t, translateError } from '../shared/i18n';

/** Message keys that differ between a PIN and a passphrase. */
export const KIND_TEXT = {
  pin: {
    prompt: 'unlock_prompt_pin',
    field: 'pin_field_pin',
    current: 'pin_current_pin',
    next: 'pin_new_pin',
    confirm: 'pin_confirm_pin',
    change: 'pin_change_pin',
    remove: 'pin_remove_pin',
    status: 'pin_status_pin',
    wrong: 'unlock_wrong_pin',
    name: 'pin_kind_pin',
    rule: 'pin_rule_pin',
    reveal: 'reveal_prompt_pin',
  },
  passphrase: {
    prompt: 'unlock_prompt_passphrase',
    field: 'pin_field_passphrase',
    current: 'pin_current_passphrase',
    next: 'pin_new_passphrase',
    confirm: 'pin_confirm_passphrase',
    change: 'pin_change_passphrase',
    remove: 'pin_remove_passphrase',
    status: 'pin_status_passphrase',
    wrong: 'unlock_wrong_passphrase',
    name: 'pin_kind_passphrase',
    rule: 'pin_rule_passphrase',
    reveal: 'reveal_prompt_passphrase',
  },
} as const satisfies Record<SecretKind, Record<string, string>>;

/**
 * A failed PIN check, kept as numbers rather than as a sentence so the wait can count down on the
 * popup's clock. Never holds the PIN itself.
 */
export interface PinFailure {
  code: ErrorCode;
  failures: number;
  retryAt: number | null;
  /** When the popup learnt of it: the clock may be up to a second behind, and a wait never shows longer than it is. */
  seenAt: number;
}

export function pinFailureOf(err: unknown): PinFailure {
  const info = typeof err === 'object' && err !== null && 'info' in err ? (err.info as { failures?: unknown; retryAt?: unknown } | undefined) : undefined;
  return {
    code: errorCodeOf(err),
    failures: typeof info?.failures === 'number' ? info.failures : 0,
    retryAt: typeof info?.retryAt === 'number' ? info.retryAt : null,
    seenAt: Date.now(),
  };
}

/** True while no try is allowed. */
function waiting(retryAt: number | null, now: number): retryAt is number {
  return retryAt !== null && now < retryAt;
}

/** True while `failure` keeps the user waiting. */
export function blocks(failure: PinFailure | null, clock: number): boolean {
  return failure !== null && waiting(failure.retryAt, Math.max(clock, failure.seenAt));
}

/** Time left as m:ss ("0:45", "14:59"), or h:mm:ss past an hour. */
export function timeLeft(retryAt: number, now: number): string {
  const total = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The wait message, counting down with `now`. */
export function waitText(retryAt: number, now: number): string {
  return t('unlock_wait', timeLeft(retryAt, now));
}

/** What to say about `failure` at `now`: the wait, the tries used, another error, or nothing once a wait is over. */
export function pinFailureText(failure: PinFailure, kind: SecretKind, clock: number): string | null {
  const now = Math.max(clock, failure.seenAt);
  if (failure.code === 'pin_wrong' || failure.code === 'pin_throttled') {
    if (waiting(failure.retryAt, now)) return waitText(failure.retryAt, now);
    if (failure.code === 'pin_wrong' && failure.failures < FREE_TRIES) {
      return t(KIND_TEXT[kind].wrong, [String(failure.failures), String(FREE_TRIES)]);
    }
    return failure.code === 'pin_wrong' ? t('error_pin_wrong') : null;
  }
  return translateError(failure);
}
