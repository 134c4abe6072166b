import { useCallback, useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { VaultState } from '../../shared/protocol';
import { knownStartup } from '../startup';

let firstLoad: Promise<VaultState> | null = null;

/** Asks whether the vault is locked before anything else (called first from main.tsx). */
export function prefetchVaultState(): void {
  if (firstLoad) return;
  firstLoad = call('vault.state', null);
}

// 'twostep:state-received' (below) is read by the e2e tests: the unlock screen must not wait for it.
export interface VaultHook {
  /** Null until the background has answered (or when it could not). */
  vault: VaultState | null;
  /** Takes the state a vault method returned, so no second round trip is needed. */
  setVault: (state: VaultState) => void;
  reload: () => void;
}

/** Lock state and protection of the vault, for the unlock screen, the PIN settings and the nudge. */
export function useVault(): VaultHook {
  // Locked by what storage says (a PIN and no codes view): the unlock screen is the first render, before
  // the worker answers. Wrong tries and waits are not known yet; the worker's state follows within
  // moments and replaces this, and the worker refuses a try during a wait anyway.
  const [vault, setVault] = useState<VaultState | null>(() => {
    const startup = knownStartup();
    if (startup?.paint.kind !== 'locked' || startup.protection === null) return null;
    return { locked: true, protection: startup.protection, accountCount: 0, damaged: 0, rolledBack: false, failures: 0, retryAt: null };
  });
  const reload = useCallback(() => {
    const pending = firstLoad ?? call('vault.state', null);
    firstLoad = null;
    pending.then((state) => {
      if (performance.getEntriesByName('twostep:state-received').length === 0) performance.mark('twostep:state-received');
      setVault(state);
    }, () => undefined);
  }, []);
  useEffect(reload, [reload]);
  return { vault, setVault, reload };
}
