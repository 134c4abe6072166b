/**
 * The codes-only view of the vault that the worker keeps in `storage.session`, so the popup can paint
 * codes before a stopped worker has started (a Manifest V3 worker sleeps 30 s after its last event,
 * and its start is most of a cold popup's time). It holds what the list shows and the codes of the
 * current and next few periods; never a secret. Reading it is pure: the time is a parameter.
 */
import type { AccountMeta } from '../account';
import { OTP_KINDS, STEAM } from '../account';
import type { CodeWindow } from '../otp';

export interface CodesViewEntry extends AccountMeta {
  /** TOTP/Steam: start (epoch ms) of the period of the first code; HOTP: when its code was computed. */
  start: number;
  /**
   * The codes one after another in one string, each `codeWidth` characters: TOTP/Steam one per period
   * from `start` on; HOTP the code of the stored counter, the one the popup shows anyway (RFC 4226
   * §7.2: a code ahead of the counter is never computed before it is used). One string, not a list:
   * a cold popup reads the view while it starts, and a thousand accounts' 21,000 small strings made
   * that read the slowest part of its start.
   */
  codes: string;
}

/** How many characters each code of `entry` has: its digits, five letters for Steam. */
export const codeWidth = (entry: Pick<AccountMeta, 'kind' | 'digits'>): number => (entry.kind === 'steam' ? STEAM.digits : entry.digits);

/** Code `i` of `codes` (each `w` characters), or undefined outside them. */
function codeAt(codes: string, w: number, i: number): string | undefined {
  return i >= 0 && w > 0 && (i + 1) * w <= codes.length ? codes.slice(i * w, (i + 1) * w) : undefined;
}

export interface CodesView {
  v: 3;
  /** When the worker wrote it (epoch ms); the rest written with it carries the same. */
  at: number;
  /** From this moment on some account has no next code left: the view is not used then. */
  until: number;
  accounts: CodesViewEntry[];
  /**
   * How many accounts follow these, stored apart (`CodesViewRest`). The stored view holds only the
   * first screen's accounts: a cold popup reads it while its modules load, and a thousand accounts'
   * 350 KB were the part of that read that grew with the vault. The popup reads the rest once the
   * first frame is drawn.
   */
  more: number;
}

/** The accounts after the stored view's first ones, in list order, written with it. */
export interface CodesViewRest {
  v: 3;
  at: number;
  accounts: CodesViewEntry[];
}

/**
 * Accounts the stored view holds: the first screen's rows and the list's overscan (600 px of 60 px
 * rows, six more on either side), with room to spare for a taller popup.
 */
export const VIEW_HEAD_COUNT = 24;

/** The view as the worker stores it: its first `headCount` accounts, and the rest in a second item. */
export function splitCodesView(view: CodesView, headCount: number): { head: CodesView; rest: CodesViewRest } {
  const accounts = view.accounts.slice(0, headCount);
  const rest = view.accounts.slice(headCount);
  return { head: { ...view, accounts, more: rest.length }, rest: { v: 3, at: view.at, accounts: rest } };
}

/** An account with the codes of one moment: the shape of the protocol's AccountView. */
export type AccountCodes = AccountMeta & { codes: CodeWindow };

const periodMs = (entry: Pick<AccountMeta, 'kind' | 'period'>): number => (entry.kind === 'steam' ? STEAM.period : entry.period) * 1000;

/**
 * Every account with the code to show at `t` and the next one, or null when any account has run out
 * (or `t` lies before its first period, a clock set back): then nothing of the view is shown, so a
 * stale code never is, and the popup waits for the worker's own answer.
 */
export function viewAt(view: CodesView, t: number): AccountCodes[] | null {
  if (t >= view.until) return null;
  const out: AccountCodes[] = [];
  for (const { start, codes, ...meta } of view.accounts) {
    const w = codeWidth(meta);
    if (meta.kind === 'hotp') {
      const code = codeAt(codes, w, 0);
      if (code === undefined) return null;
      out.push({ ...meta, codes: { code, next: null, validFrom: start, validUntil: null } });
      continue;
    }
    const p = periodMs(meta);
    const i = Math.floor((t - start) / p);
    const code = codeAt(codes, w, i);
    const next = codeAt(codes, w, i + 1);
    if (code === undefined || next === undefined) return null;
    out.push({ ...meta, codes: { code, next, validFrom: start + i * p, validUntil: start + (i + 1) * p } });
  }
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isEntry(v: unknown): v is CodesViewEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    isString(e.id) && isString(e.issuer) && isString(e.name) && isString(e.algorithm) &&
    OTP_KINDS.includes(e.kind as CodesViewEntry['kind']) &&
    isTime(e.start) && isTime(e.digits) && isTime(e.counter) && isTime(e.createdAt) && isTime(e.updatedAt) &&
    typeof e.period === 'number' && e.period > 0 &&
    Array.isArray(e.sites) && e.sites.every(isString) &&
    typeof e.codes === 'string' && e.codes.length % codeWidth(e as unknown as CodesViewEntry) === 0
  );
}

/** Reads a stored view; anything of another shape (an older version, a damaged value) is no view. */
export function parseCodesView(value: unknown): CodesView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== 3 || !isTime(v.at) || !isTime(v.until) || !isTime(v.more) || !Array.isArray(v.accounts) || !v.accounts.every(isEntry)) return null;
  return value as CodesView;
}

/** Where the stored view's rest belongs: the view it was written with (its time and end) and its length. */
export interface RestStamp {
  at: number;
  until: number;
  count: number;
}

/**
 * The rest's accounts with their codes at `t`, or null unless `value` is the rest written with the
 * view `stamp` describes: a write between the two reads (which withdraws both, then writes both anew)
 * must not join two lists, so a rest of another time, length or shape is none.
 */
export function restAt(stamp: RestStamp, value: unknown, t: number): AccountCodes[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (r.v !== 3 || r.at !== stamp.at || !Array.isArray(r.accounts) || r.accounts.length !== stamp.count || !r.accounts.every(isEntry)) return null;
  return viewAt({ v: 3, at: stamp.at, until: stamp.until, accounts: r.accounts, more: 0 }, t);
}

/** What the popup found in storage at start, before any answer from the worker. */
export interface StartupItems {
  view: unknown;
  /** When the vault was last used (epoch ms), as the idle lock counts it. */
  lastUse: number | null;
  protection: 'pin' | 'passphrase' | null;
  autoLockMinutes: number;
}

/** What the popup can paint at `now` from those: codes, the unlock screen, or nothing yet (wait for the worker). */
export type StartupPaint =
  | { kind: 'codes'; accounts: AccountCodes[]; /** The accounts still to read, if any. */ rest: RestStamp | null }
  | { kind: 'locked' }
  | { kind: 'wait' };

/**
 * Codes only while the view is there, its codes reach `now`, and the vault is not due to lock: the idle
 * deadline is checked here as the worker checks it (background/auto-lock.ts), since the worker's alarm
 * may be late and a vault past its deadline must not show codes. With a PIN and no view (a lock removes
 * it) the unlock screen; otherwise the worker decides.
 */
export function startupPaint(items: StartupItems, now: number): StartupPaint {
  const { protection, lastUse, autoLockMinutes } = items;
  const idleDue = protection !== null && lastUse !== null && autoLockMinutes > 0 && now - lastUse >= autoLockMinutes * 60_000;
  const view = idleDue ? null : parseCodesView(items.view);
  if (view === null) return protection !== null ? { kind: 'locked' } : { kind: 'wait' };
  const accounts = viewAt(view, now);
  if (!accounts) return { kind: 'wait' };
  return { kind: 'codes', accounts, rest: view.more > 0 ? { at: view.at, until: view.until, count: view.more } : null };
}
