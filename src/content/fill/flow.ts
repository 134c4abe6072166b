/**
 * What the fill script does in one frame: find the code field, ask the worker which accounts belong
 * to this frame's site (the worker decides that from the browser's record of this frame, not from
 * us), then fill or offer a choice. The code goes straight from the reply into the field and is not kept.
 *
 * What a page can learn from this script: with the vault locked, on a page with no account of its
 * own, or on a look-alike page, it shows and does nothing at all. Only a page of the site of one of
 * the user's accounts sees the button. A code goes only into a field the user can see
 * (IntersectionObserver v2, from inside this frame, so a frame made transparent by its embedder fails).
 */
import { fillOtp, findOtpTarget, type OtpTarget } from '../otp-field';
import { seenByUser } from '../otp-field/visible';
import type { FillCandidates } from '../../shared/protocol';
import { hideButton, showButton } from './button';
import { TwostepError } from '../../core/errors';
import { call, ext, openShadow } from '../extension';

/** What the frame reports to the worker (read by `executeScript`'s per-frame results). */
export interface Outcome {
  filled: boolean;
  reason?: 'no_field' | 'site' | 'locked' | 'choose' | 'hidden' | 'failed';
  /** This frame's host name, for the popup's "Filled on …". */
  host?: string;
}

/**
 * The code field of this document, searched the same way for every path (popup, shortcut, menu,
 * inline button), shadow roots included; `onRoot` hears of each shadow root searched.
 */
export const findField = (onRoot?: (root: ShadowRoot) => void): OtpTarget | null =>
  findOtpTarget(document, { openShadow, deep: true, ...(onRoot ? { onRoot } : {}) });

export function firstInput(target: OtpTarget): HTMLInputElement {
  return target.kind === 'single' ? target.input : target.inputs[0]!;
}

function reasonOf(err: unknown): Outcome['reason'] {
  const code = err instanceof TwostepError ? err.code : 'internal';
  return code === 'forbidden' ? 'site' : code === 'vault_locked' ? 'locked' : 'failed';
}

/** The frame's host; about:blank and srcdoc frames take their creator's origin. */
function hostHere(): string {
  try {
    return location.hostname || new URL(origin).hostname;
  } catch {
    return '';
  }
}

/**
 * Asks for the account's code for this frame and types it in, but only once the field is visible to
 * the user: a hidden field, or any field of a frame its embedder made transparent, moved off screen
 * or covered, gets nothing, and an HOTP counter does not move for it.
 */
async function fillAccount(field: OtpTarget, id: string, asked: boolean): Promise<Outcome> {
  // Our own button is drawn just under the field, and IntersectionObserver v2 counts what it covers
  // with its shadow as occluded: the button goes first, then the field alone is judged (and an offer
  // the inline script was still preparing must not bring it back meanwhile: see `decide`).
  hideButton();
  // The page may have changed since the field was found: the same input now asking for a backup
  // code, or the field gone. Judged again now, just before the code goes in.
  const now = findField();
  if (!now || firstInput(now) !== firstInput(field)) return { filled: false, reason: 'no_field' };
  filling++;
  try {
    if (!(await seenByUser(firstInput(field)))) return { filled: false, reason: 'hidden' };
    const filled = fillOtp(field, (await call('fill.code', { id, asked })).code);
    return { filled, host: hostHere() };
  } catch (err) {
    const reason = reasonOf(err);
    if (asked) showButton(field, { kind: 'failed' }, actions(field));
    return { filled: false, reason };
  } finally {
    filling--;
  }
}

/** Fills under way in this frame; while any is, no offer draws the button. */
let filling = 0;

const candidates = (): Promise<FillCandidates> => call('fill.candidates', null);

function actions(field: OtpTarget) {
  // A click on our own (visible, trusted-click-checked) button is a person asking.
  return { fill: (id: string) => void fillAccount(field, id, true) };
}

/** Opens the unlock window; the worker tells this document when the vault is open (see `install`). */
async function unlockThenOffer(field: OtpTarget): Promise<Outcome> {
  await call('fill.unlock', null);
  // Already open (unlocked meanwhile): go on now. Otherwise the 'unlocked' message brings us back.
  const c = await candidates();
  return c.locked ? { filled: false, reason: 'locked' } : decide(field, c, true);
}

/** Locked, on its own: show nothing (a page must not learn Twostep is here); ask again when the user focuses the field. */
function askAgainOnFocus(field: OtpTarget): void {
  firstInput(field).addEventListener('focus', () => void offer(field, false), { once: true });
}

/**
 * `asked`: a person asked to fill (popup, shortcut, menu, after an unlock they asked for): one account
 * fills at once and several open the choice. Otherwise (the inline script on page load) only where the
 * worker says `autoFill`.
 */
function decide(field: OtpTarget, c: FillCandidates, asked: boolean): Promise<Outcome> | Outcome {
  if (c.locked) {
    if (asked) return unlockThenOffer(field);
    askAgainOnFocus(field);
    return { filled: false, reason: 'locked' };
  }
  const [only, ...more] = c.accounts;
  if (!only) {
    hideButton();
    return { filled: false, reason: 'site' };
  }
  if (more.length === 0 && (asked || c.autoFill)) return fillAccount(field, only.id, asked);
  if (filling > 0) return { filled: false, reason: 'choose' };
  showButton(field, { kind: 'fill', accounts: c.accounts, open: asked }, actions(field));
  return { filled: false, reason: 'choose' };
}

/** Offers filling for `field`; see `decide`. */
export async function offer(field: OtpTarget, asked: boolean): Promise<Outcome> {
  try {
    return await decide(field, await candidates(), asked);
  } catch (err) {
    return { filled: false, reason: reasonOf(err) };
  }
}

/** The worker's request: fill account `id` here, or (null) whatever belongs to this frame's site. */
async function fillHere(id: string | null): Promise<Outcome> {
  const field = findField();
  if (!field) return { filled: false, reason: 'no_field' };
  return id === null ? offer(field, true) : fillAccount(field, id, true);
}

const FLAG = 'twostepFillInstalled';

/**
 * Sets the frame up once, however often the script is injected (on demand and registered, or twice
 * on demand): the entry point for the worker, and the 'unlocked' message (the worker addresses it to
 * the document that asked, so a frame that navigated since never gets it). Returns false when this
 * frame already had it.
 */
export function install(): boolean {
  const g = globalThis as { [FLAG]?: boolean; twostepFill?: (id: string | null) => Promise<Outcome> };
  if (g[FLAG]) return false;
  g[FLAG] = true;
  g.twostepFill = fillHere;
  ext.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== ext.runtime.id) return;
    const m = message as { twostep?: unknown; event?: unknown; url?: unknown } | null;
    // Firefox cannot address a document, only a frame: it names the page that asked (background/fill/document-address.ts).
    if (typeof m?.url === 'string' && m.url !== location.href) return;
    if (m?.twostep === 1 && m.event === 'unlocked') void fillHere(null);
  });
  return true;
}
