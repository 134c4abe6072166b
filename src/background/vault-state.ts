/** The vault's state as the popup sees it. */
import type { VaultState } from '../shared/protocol';
import type { Vault } from './vault/vault';

/** Reads lock state, protection, account counts and the wrong-PIN throttle. */
export async function vaultStateOf(vault: Vault): Promise<VaultState> {
  const [locked, protection, throttle] = await Promise.all([vault.isLocked(), vault.pinKind(), vault.throttle()]);
  if (locked) return { locked, protection, accountCount: 0, damaged: 0, ...throttle };
  const { accounts, damaged } = await vault.read();
  return { locked, protection, accountCount: accounts.length, damaged, ...throttle };
}
