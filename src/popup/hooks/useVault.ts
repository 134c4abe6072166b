import { useCallback, useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { VaultState } from '../../shared/protocol';
import { readStartup } from '../startup';

let firstLoad: Promise<VaultState> | null = null;

/** Asks whether the vault is locked before anything else (called first from main.tsx). */
export function prefetchVaultState(): void {
  if (firstLoad) return;
  firstLoad = call('vault.state', null);
  // Read by the e2e tests: the unlock screen must not wait for this.
  firstLoad.then(() => performance.mark('twostep:state-received'), () => undefined);
}

export interface VaultHook {
  /** Null until the background has answered (or when it could not). */
  vault: VaultState | null;
  /** Takes the state a vault method returned, so no second round trip is needed. */
  setVault: (state: VaultState) => void;
  reload: () => void;
}

/** Lock state and protection of the vault, for the unlock screen, the PIN settings and the nudge. */
export function useVault(): VaultHook {
  const [vault, setVault] = useState<VaultState | null>(null);
  const reload = useCallback(() => {
    const pending = firstLoad ?? call('vault.state', null);
    firstLoad = null;
    pending.then(setVault, () => undefined);
  }, []);
  useEffect(() => {
    // Locked by what storage says (a PIN and no codes view): the unlock screen shows before the worker
    // answers. Wrong tries and waits are not known yet; the worker's state follows within moments and
    // replaces this, and the worker refuses a try during a wait anyway.
    readStartup().then(({ paint, protection }) => {
      if (paint.kind !== 'locked' || protection === null) return;
      setVault((known) => known ?? { locked: true, protection, accountCount: 0, damaged: 0, rolledBack: false, failures: 0, retryAt: null });
    }, () => undefined);
    reload();
  }, [reload]);
  return { vault, setVault, reload };
}
