import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import type { VaultState } from '../../shared/protocol';
import type { PinMode } from '../../popup/components/PinForm';
import { SettingsView } from '../../popup/components/SettingsView';
import { useSettings } from '../../popup/hooks/useSettings';

interface Props {
  vault: VaultState;
  now: number;
  onVault: (state: VaultState) => void;
}

const DONE: Record<PinMode, string> = { set: 'pin_done_on', change: 'saved', remove: 'pin_done_off' };

/**
 * The popup's settings, mirrored: the same component and the same protocol calls, so a setting has one
 * meaning wherever it is changed (the permission prompts it opens stay attached to this tab, not to
 * a popup that closes under them).
 */
export function SettingsSection({ vault, now, onVault }: Props) {
  const { settings, update } = useSettings();
  const [status, setStatus] = useState<string | null>(null);
  const lock = (): void => {
    call('vault.lock', null).then(onVault, (err: unknown) => setStatus(translateError(err)));
  };
  return (
    <section aria-labelledby="section-title" class="settings-section">
      <h2 id="section-title">{t('manage_settings_title')}</h2>
      <p class="hint" role="status" data-testid="manage-settings-status">
        {status}
      </p>
      <SettingsView
        settings={settings}
        update={update}
        onError={(err) => setStatus(translateError(err))}
        vault={vault}
        now={now}
        startWith={null}
        onVault={(state, mode) => {
          onVault(state);
          setStatus(t(DONE[mode]));
        }}
        onLock={lock}
      />
    </section>
  );
}
