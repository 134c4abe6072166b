/**
 * The worker tells our open pages when the vault locked or unlocked, so a page that holds secrets the
 * user asked for (a revealed secret, a QR code, an export) drops them at once. Pages do not poll for
 * this: every call from a page counts as use and would keep the vault from locking when idle.
 * Not a protocol method: nobody answers it, and it carries nothing but the new state.
 */
import browser from 'webextension-polyfill';

interface VaultChanged {
  twostep: 1;
  event: 'vault.changed';
  locked: boolean;
}

/** Worker: tells every open page of ours; no page open is not a failure. */
export async function announceVaultChanged(locked: boolean): Promise<void> {
  const message: VaultChanged = { twostep: 1, event: 'vault.changed', locked };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

/** Pages: calls `listener` each time the vault locks; returns the unsubscribe. */
export function onVaultLocked(listener: () => void): () => void {
  const handle = (message: unknown): undefined => {
    if (typeof message !== 'object' || message === null) return undefined;
    const m = message as Partial<VaultChanged>;
    if (m.twostep === 1 && m.event === 'vault.changed' && m.locked === true) listener();
    return undefined;
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}
