/**
 * A scanned QR code waiting for the user's confirmation, per tab, in `storage.session`: the worker may
 * stop between the pick and the confirm, and session storage is open to trusted contexts only, so the
 * secrets in it never reach a content script. Cleared on confirm, cancel, expiry and browser close.
 */
import browser from 'webextension-polyfill';
import type { AccountInput } from '../../core/account';
import { parseAccountInput } from '../../core/account-input';

/** A preview left open longer than this is forgotten; the user scans again. */
export const PENDING_TTL_MS = 15 * 60 * 1000;

export interface PendingScan {
  /** The origin of the frame that picked the code: only that page may confirm it. */
  origin: string;
  site: string | null;
  accounts: AccountInput[];
  /** The preview warned that the issuer does not fit `site`: confirming needs the user's "I trust this page". */
  mismatch: boolean;
  /** Per account, the site the user may tick to bind it to. */
  suggestions: (string | null)[];
  at: number;
}

const keyOf = (tabId: number): string => `scanPending:${tabId}`;

export async function savePending(tabId: number, pending: PendingScan): Promise<void> {
  await browser.storage.session.set({ [keyOf(tabId)]: pending });
}

/** The tab's pending scan if there is a fresh, well-formed one; anything else reads as none. */
export async function loadPending(tabId: number, now: number): Promise<PendingScan | null> {
  const value: unknown = (await browser.storage.session.get(keyOf(tabId)))[keyOf(tabId)];
  const pending = parsePending(value);
  if (!pending || now - pending.at > PENDING_TTL_MS || pending.at > now + 60_000) return null;
  return pending;
}

export async function clearPending(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}

function parsePending(value: unknown): PendingScan | null {
  if (typeof value !== 'object' || value === null) return null;
  const { origin, site, accounts, mismatch, suggestions, at } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || (site !== null && typeof site !== 'string') || typeof at !== 'number' || !Array.isArray(accounts)) return null;
  if (typeof mismatch !== 'boolean' || !Array.isArray(suggestions) || suggestions.length !== accounts.length) return null;
  if (!suggestions.every((s): s is string | null => s === null || typeof s === 'string')) return null;
  try {
    return { origin, site, mismatch, suggestions, at, accounts: accounts.map((a) => parseAccountInput(a)) };
  } catch {
    return null;
  }
}

/** Forgets every tab's pending scan: locking must not leave scanned secrets in session storage. */
export async function clearAllPending(): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith('scanPending:'));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}
