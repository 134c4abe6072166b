import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { errorCodeOf } from '../../shared/i18n';
import type { RestStamp } from '../../core/codes-view/view';
import type { AccountView } from '../../shared/protocol';
import { firstPaint, PAINT_BOUND_MS } from '../first-paint';
import { earliestExpiry } from '../format';
import { knownStartup, readStartupRest } from '../startup';

export type LoadStatus = 'loading' | 'ready' | 'locked' | 'failed';

export interface AccountsState {
  accounts: AccountView[];
  status: LoadStatus;
  /** Loads the list again; the current list stays on screen until the new one arrives. */
  refresh: () => Promise<void>;
  /** Puts a changed or new account into the list without a round trip. */
  upsert: (account: AccountView) => void;
  drop: (id: string) => void;
  /** Call when any request reports 'vault_locked', or after locking: drops the codes too. */
  markLocked: () => void;
}

/** After a failed refresh, wait this long before the clock may trigger another. */
const RETRY_MS = 5_000;
/** The rest of a long stored view waits for an idle moment after the first frame, at most this long. */
const REST_IDLE_MS = 100;

let firstLoad: Promise<AccountView[]> | null = null;

/**
 * Asks for the list before the first render (called from main.tsx): an effect would wait a frame, and
 * the background needs that time to decrypt. The User Timing marks are read by the e2e tests and the
 * benchmark.
 */
export function prefetchAccounts(): void {
  if (firstLoad) return;
  performance.mark('twostep:list-requested');
  firstLoad = call('accounts.list', null);
}

/** What the first render shows: the stored view's codes, the unlock screen, or nothing yet. */
function initial(): { accounts: AccountView[]; status: LoadStatus; rest: RestStamp | null } {
  const paint = knownStartup()?.paint;
  if (paint?.kind === 'codes') return { accounts: paint.accounts, status: 'ready', rest: paint.rest };
  return { accounts: [], status: paint?.kind === 'locked' ? 'locked' : 'loading', rest: null };
}

/**
 * The account list from the background. When a code expires the rows switch to `next` by themselves
 * (see `shownCode`); this hook then fetches fresh codes once for the whole list.
 */
export function useAccounts(now: number): AccountsState {
  // The stored view paints first when the worker is asleep (main.tsx renders once it is read); the
  // worker's answer replaces it.
  const [start] = useState(initial);
  const [accounts, setAccounts] = useState<AccountView[]>(start.accounts);
  const [status, setStatus] = useState<LoadStatus>(start.status);
  const inFlight = useRef(false);
  const notBefore = useRef(0);
  /** The worker has answered once (its first answer is marked for the e2e tests). */
  const answered = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const pending = firstLoad;
      firstLoad = null;
      const list = await (pending ?? call('accounts.list', null));
      if (!answered.current) performance.mark('twostep:list-received');
      answered.current = true;
      setAccounts(list);
      setStatus('ready');
    } catch (err) {
      notBefore.current = Date.now() + RETRY_MS;
      const code = errorCodeOf(err);
      if (code === 'vault_locked') {
        answered.current = true;
        // Codes of a locked vault do not stay on screen or in memory.
        setAccounts([]);
        setStatus('locked');
      }
      // Keep showing what we have if this was a background refresh; only an empty first load fails.
      else setStatus((s) => (s === 'loading' ? 'failed' : s));
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The stored view held the first screen's accounts only: the rest, from storage too, once that
  // screen is drawn and the page is idle (deserialising a long list on the main thread delayed the
  // first frame's presentation at 1,000 accounts), unless the worker answered first. Appended only to
  // the list as first painted: after a change (a lock, a delete) the rest belongs to another list.
  useEffect(() => {
    const { rest } = start;
    if (rest === null) return;
    let live = true;
    void firstPaint(PAINT_BOUND_MS)
      .then(() => new Promise<void>((idle) => requestIdleCallback(() => idle(), { timeout: REST_IDLE_MS })))
      .then(() => (answered.current ? null : readStartupRest(rest)))
      .catch(() => null)
      .then((more) => {
        if (!live || !more || answered.current) return;
        setAccounts((list) => (list === start.accounts ? [...list, ...more] : list));
        performance.mark('twostep:rest-read');
      });
    return () => {
      live = false;
    };
  }, [start]);

  const expiry = earliestExpiry(accounts);
  useEffect(() => {
    if (status === 'ready' && now >= expiry && now >= notBefore.current) void refresh();
  }, [now, expiry, status, refresh]);

  const upsert = useCallback((account: AccountView) => {
    setAccounts((list) => {
      const i = list.findIndex((a) => a.id === account.id);
      if (i < 0) return [...list, account];
      const copy = list.slice();
      copy[i] = account;
      return copy;
    });
  }, []);
  const drop = useCallback((id: string) => setAccounts((list) => list.filter((a) => a.id !== id)), []);
  const markLocked = useCallback(() => {
    setAccounts([]);
    setStatus('locked');
  }, []);

  return { accounts, status, refresh, upsert, drop, markLocked };
}
