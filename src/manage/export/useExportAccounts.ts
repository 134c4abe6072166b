import { useEffect, useState } from 'preact/hooks';
import type { AccountInput } from '../../core/account';
import { onVaultLocked } from '../../shared/vault-events';

/**
 * The accounts with their secrets, as `accounts.export` gave them: held in this page's memory only
 * while the export view that asked for them is open (they go with it when it closes) and dropped
 * as soon as the vault locks, so a page left open does not keep secrets past the lock.
 */
export function useExportAccounts(): [AccountInput[] | null, (accounts: AccountInput[] | null) => void] {
  const [accounts, setAccounts] = useState<AccountInput[] | null>(null);
  useEffect(() => onVaultLocked(() => setAccounts(null)), []);
  return [accounts, setAccounts];
}
