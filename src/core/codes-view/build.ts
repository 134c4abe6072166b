/** Writing the codes-only view (see ./view.ts): the worker's side, the only one that sees secrets. */
import type { Account } from '../account';
import { STEAM } from '../account';
import { generateCodes, periodCodes } from '../otp';
import { sortAccounts } from '../account-order';
import { codeWidth, type CodesView, type CodesViewEntry } from './view';

/**
 * The view at `now`, with codes for TOTP/Steam accounts until at least `now + horizonMs` (plus the
 * next code at that moment). Fields are copied one by one, never spread, so a field added to Account
 * later (a secret, say) cannot slip into the view unnoticed. Entries are in list order
 * (core/account-order), so a cold popup paints them as they are, without sorting first.
 */
export function buildCodesView(accounts: readonly Account[], now: number, horizonMs: number): CodesView {
  let until = now + horizonMs;
  const entries = sortAccounts(accounts).map((a): CodesViewEntry => {
    const meta = {
      id: a.id, kind: a.kind, issuer: a.issuer, name: a.name, algorithm: a.algorithm, digits: a.digits,
      period: a.period, counter: a.counter, sites: [...a.sites], createdAt: a.createdAt, updatedAt: a.updatedAt,
    };
    // The popup cuts the string into codes of this width: a code of another length would be cut
    // wrong, so such an account gets no codes, and a popup shows nothing of the view (it waits for the worker).
    const fit = (codes: string[]): string => (codes.every((c) => c.length === codeWidth(a)) ? codes.join('') : '');
    if (a.kind === 'hotp') return { ...meta, start: now, codes: fit([generateCodes(a, now).code]) };
    const p = (a.kind === 'steam' ? STEAM.period : a.period) * 1000;
    // The period holding now, every one up to now + horizon, and the one after that as its `next`.
    const count = Math.floor((now + horizonMs) / p) - Math.floor(now / p) + 2;
    const { start, codes } = periodCodes(a, now, count);
    // The last code only ever serves as a `next`: the view is usable until its period begins.
    until = Math.min(until, start + (count - 1) * p);
    return { ...meta, start, codes: fit(codes) };
  });
  return { v: 3, at: now, until, accounts: entries, more: 0 };
}
