/**
 * A settings change that waits for a permission. The browser's permission prompt takes focus, which
 * closes the popup, so the page that asked may never see `permissions.request` resolve: it records the
 * change here first, and the worker applies it when `permissions.onAdded` says the grant arrived.
 */
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/protocol';
import { grantFor } from '../shared/site-access';
import type { SettingsStore } from './settings-store';

const ITEM = 'pendingGrant';
/** A prompt left open longer than this is not the answer to our question any more. */
const PENDING_MS = 5 * 60_000;

export interface GrantPort {
  /** Remembers `patch` until its permission is granted (or the wait runs out). */
  record(patch: Partial<Settings>, at: number): Promise<void>;
}

interface Pending {
  patch: Partial<Settings>;
  at: number;
}

export const localGrantPort: GrantPort = {
  record: (patch, at) => browser.storage.local.set({ [ITEM]: { patch, at } satisfies Pending }),
};

/** On `permissions.onAdded`: applies the waiting change if everything it needs is granted now. */
export async function applyPendingGrant(settings: SettingsStore, now: number, parse: (v: unknown) => Partial<Settings>): Promise<void> {
  const raw = (await browser.storage.local.get(ITEM))[ITEM] as Partial<Pending> | undefined;
  if (!raw) return;
  // Stored by us, but read as untrusted all the same: a bad value is dropped, never applied.
  let patch: Partial<Settings>;
  try {
    patch = parse(raw.patch);
  } catch {
    await browser.storage.local.remove(ITEM);
    return;
  }
  if (typeof raw.at !== 'number' || now - raw.at > PENDING_MS || now < raw.at) {
    await browser.storage.local.remove(ITEM);
    return;
  }
  const grant = grantFor(patch);
  if (grant && !(await browser.permissions.contains(grant))) return;
  await browser.storage.local.remove(ITEM);
  await settings.set(patch);
}
