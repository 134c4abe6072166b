import { useEffect, useState } from 'preact/hooks';
import type { AccountInput } from '../../core/account';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { errorCodeOf, translateError } from '../../shared/i18n';
import { FormError } from '../../popup/components/Field';
import { SecretPrompt } from '../../popup/components/SecretPrompt';
import { pinFailureOf, type PinFailure } from '../../popup/pin-text';

interface Props {
  ids: string[];
  /** How the vault is protected now; null: no PIN, the accounts are fetched at once. */
  protection: SecretKind | null;
  submitLabel: string;
  onAccounts: (accounts: AccountInput[]) => void;
  onCancel: () => void;
}

/**
 * Gets the chosen accounts with their secrets: with a PIN or passphrase set, only after it is entered
 * again (the worker checks it and counts a wrong one like a wrong unlock).
 */
export function ConfirmSecret({ ids, protection, submitLabel, onAccounts, onCancel }: Props) {
  const [failure, setFailure] = useState<PinFailure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchAccounts = async (secret: string | null): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onAccounts((await call('accounts.export', { ids, secret })).accounts);
    } catch (err) {
      const code = errorCodeOf(err);
      if (code === 'pin_wrong' || code === 'pin_throttled') setFailure(pinFailureOf(err));
      else setError(translateError(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (protection === null) void fetchAccounts(null);
  }, []);

  if (protection === null) return <FormError message={error} />;
  return (
    <div class="export-confirm">
      <SecretPrompt kind={protection} failure={failure} busy={busy} submitLabel={submitLabel} onSubmit={(secret) => void fetchAccounts(secret)} onCancel={onCancel} />
      <FormError message={error} />
    </div>
  );
}
