import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import { t, translateError } from '../../shared/i18n';
import type { Settings, VaultState } from '../../shared/protocol';
import { FormError } from './Field';
import { FillSettings } from './FillSettings';
import { PermissionSettings } from './PermissionSettings';
import type { PinMode } from './PinForm';
import { PinSettings } from './PinSettings';
import { Toggle } from './Toggle';

/** The full-tab page: file pickers close the popup, so imports, backups and exports happen there. */
function openManage(): void {
  browser.runtime.openOptionsPage().then(() => window.close(), () => undefined);
}

interface Props {
  settings: Partial<Settings>;
  update: (patch: Partial<Settings>) => Promise<void>;
  onError: (err: unknown) => void;
  /** Null while the background has not said how the vault is protected. */
  vault: VaultState | null;
  now: number;
  startWith: PinMode | null;
  onVault: (state: VaultState, mode: PinMode) => void;
  onLock: () => void;
}

export function SettingsView({ settings, update, onError, vault, now, startWith, onVault, onLock }: Props) {
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Settings>): void => {
    setError(null);
    update(patch).catch((err: unknown) => {
      setError(translateError(err));
      onError(err);
    });
  };
  return (
    <div class="form" data-testid="settings">
      <button type="button" class="button wide" data-testid="open-manage" onClick={openManage}>
        {t('manage_open')}
      </button>
      <Toggle
        testid="setting-hide-codes"
        label={t('setting_hide_codes')}
        checked={settings.hideCodes ?? false}
        describedBy="hide-codes-hint"
        onChange={(input) => set({ hideCodes: input.checked })}
      />
      <p class="hint" id="hide-codes-hint">
        {t('setting_hide_codes_hint')}
      </p>
      <PermissionSettings settings={settings} set={set} />
      <FillSettings settings={settings} set={set} />
      {vault ? (
        <PinSettings
          vault={vault}
          settings={settings}
          set={set}
          now={now}
          startWith={startWith}
          onVault={onVault}
          onLock={onLock}
          onError={onError}
        />
      ) : null}
      <FormError message={error} />
    </div>
  );
}
