/**
 * HOTP advances per account are limited: every fill moves the counter on for good (RFC 4226 §7.2), and
 * a page that gets its frame filled over and over could wind the counter far past what the server's
 * look-ahead window accepts. A person filling by hand never asks for more than a few codes a minute.
 * The log lives in `storage.session`, so a stopped worker does not start the count afresh.
 */
import { TwostepError } from '../../core/errors';
import type { SessionValue } from './port';

/** Advances allowed per account in any 60 s (a person retrying a mistyped form stays well under it). */
export const HOTP_FILLS_PER_MINUTE = 3;
const WINDOW_MS = 60_000;

type UseLog = Record<string, number[]>;

function parse(value: unknown, now: number): UseLog {
  const log: UseLog = {};
  if (typeof value !== 'object' || value === null) return log;
  for (const [id, times] of Object.entries(value)) {
    if (!Array.isArray(times)) continue;
    const recent = times.filter((t): t is number => typeof t === 'number' && t > now - WINDOW_MS && t <= now);
    if (recent.length > 0) log[id] = recent;
  }
  return log;
}

// One queue for the worker: two fills at once must not both read the log before either writes it.
let queue: Promise<unknown> = Promise.resolve();

/** Takes one advance for account `id` at `now`, or throws 'hotp_rate_limited'. Concurrent takes queue. */
export function hotpLimiter(store: SessionValue): (id: string, now: number) => Promise<void> {
  return (id, now) => {
    const take = queue.then(async () => {
      const log = parse(await store.load(), now);
      const uses = log[id] ?? [];
      if (uses.length >= HOTP_FILLS_PER_MINUTE) throw new TwostepError('hotp_rate_limited');
      log[id] = [...uses, now];
      await store.save(log);
    });
    queue = take.catch(() => undefined);
    return take;
  };
}
