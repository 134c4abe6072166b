/**
 * What the fill script does in one frame: find the code field, ask the worker which accounts belong
 * to this frame's site (the worker decides that from the browser's record of this frame, not from
 * us), then fill, offer a choice, ask to unlock, or warn about a look-alike. The code goes straight
 * from the reply into the field and is not kept.
 */
import { fillOtp, findOtpTarget, type OtpTarget } from '../otp-field';
import type { FillCandidates } from '../../shared/protocol';
import { hideButton, showButton } from './button';
import { TwostepError } from '../../core/errors';
import { call, ext, openShadow } from '../extension';
import { pageText } from './page-text';

/** What the frame reports to the worker (read by `executeScript`'s per-frame results). */
export interface Outcome {
  filled: boolean;
  reason?: 'no_field' | 'site' | 'lookalike' | 'locked' | 'choose' | 'failed';
}

export const findField = (deep: boolean): OtpTarget | null => findOtpTarget(document, { openShadow, deep });

function reasonOf(err: unknown): Outcome['reason'] {
  const code = err instanceof TwostepError ? err.code : 'internal';
  return code === 'forbidden' ? 'site' : code === 'vault_locked' ? 'locked' : 'failed';
}

/** Asks for the account's code for this frame and types it in. */
async function fillAccount(field: OtpTarget, id: string): Promise<Outcome> {
  try {
    const filled = fillOtp(field, (await call('fill.code', { id })).code);
    hideButton();
    return { filled };
  } catch (err) {
    const reason = reasonOf(err);
    showButton(field, { kind: 'failed' }, actions(field));
    return { filled: false, reason };
  }
}

const candidates = (field: OtpTarget): Promise<FillCandidates> => call('fill.candidates', { pageText: pageText(field) });

function actions(field: OtpTarget) {
  return {
    fill: (id: string) => void fillAccount(field, id),
    unlock: () => void unlockThenOffer(field),
  };
}

/** Opens the unlock window; the worker tells this frame when the vault is open (see `install`). */
async function unlockThenOffer(field: OtpTarget): Promise<Outcome> {
  await call('fill.unlock', null);
  // Already open (unlocked meanwhile): go on now. Otherwise the 'unlocked' message brings us back.
  const c = await candidates(field);
  return c.locked ? { filled: false, reason: 'locked' } : decide(field, c, true);
}

/**
 * `asked`: a person asked to fill (popup, shortcut, menu, unlock): one account fills at once and
 * several open the choice. Otherwise (the inline button on page load) only `autoFill` fills.
 */
function decide(field: OtpTarget, c: FillCandidates, asked: boolean): Promise<Outcome> | Outcome {
  if (c.lookalike) {
    showButton(field, { kind: 'lookalike', site: c.lookalike.site }, actions(field));
    return { filled: false, reason: 'lookalike' };
  }
  if (c.locked) {
    if (asked) return unlockThenOffer(field);
    showButton(field, { kind: 'locked' }, actions(field));
    return { filled: false, reason: 'locked' };
  }
  const [only, ...more] = c.accounts;
  if (!only) {
    hideButton();
    return { filled: false, reason: 'site' };
  }
  if (more.length === 0 && (asked || c.autoFill)) return fillAccount(field, only.id);
  showButton(field, { kind: 'fill', accounts: c.accounts, open: asked }, actions(field));
  return { filled: false, reason: 'choose' };
}

/** Offers filling for `field`; see `decide`. */
export async function offer(field: OtpTarget, asked: boolean): Promise<Outcome> {
  try {
    return await decide(field, await candidates(field), asked);
  } catch (err) {
    return { filled: false, reason: reasonOf(err) };
  }
}

/** The worker's request: fill account `id` here, or (null) whatever belongs to this frame's site. */
async function fillHere(id: string | null): Promise<Outcome> {
  const field = findField(true);
  if (!field) return { filled: false, reason: 'no_field' };
  return id === null ? offer(field, true) : fillAccount(field, id);
}

const FLAG = 'twostepFillInstalled';

/**
 * Sets the frame up once, however often the script is injected (on demand and registered, or twice
 * on demand): the entry point for the worker, and the 'unlocked' message. Returns false when this
 * frame already had it.
 */
export function install(): boolean {
  const g = globalThis as { [FLAG]?: boolean; twostepFill?: (id: string | null) => Promise<Outcome> };
  if (g[FLAG]) return false;
  g[FLAG] = true;
  g.twostepFill = fillHere;
  ext.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== ext.runtime.id) return;
    const m = message as { twostep?: unknown; event?: unknown } | null;
    if (m?.twostep === 1 && m.event === 'unlocked') void fillHere(null);
  });
  return true;
}
