/** The vault's state as the popup sees it. */
import type { VaultState } from '../shared/protocol';
import type { Vault } from './vault/vault';

/** Reads lock state, protection, account counts and the wrong-PIN throttle. */
export async function vaultStateOf(vault: Vault): Promise<VaultState> {
  const [locked, protection, throttle] = await Promise.all([vault.isLocked(), vault.pinKind(), vault.throttle()]);
  if (locked) return { locked, protection, accountCount: 0, damaged: 0, rolledBack: false, ...throttle };
  // Checked against the disk (cheap, no decryption): damage done during the session shows now.
  const { accounts, damaged, rolledBack } = await vault.read({ verify: true });
  return { locked, protection, accountCount: accounts.length, damaged, rolledBack, ...throttle };
}
