import { useState } from 'preact/hooks';
import { plural, t } from '../../shared/i18n';
import type { Settings, VaultState } from '../../shared/protocol';
import { KIND_TEXT } from '../pin-text';
import { Field } from './Field';
import { PinForm, type PinMode } from './PinForm';
import { Toggle } from './Toggle';

/** Idle times on offer, in minutes; 0 never locks. */
const IDLE_CHOICES = [1, 5, 15, 30, 60, 0];
const DEFAULT_IDLE = 15;

interface Props {
  vault: VaultState;
  settings: Partial<Settings>;
  set: (patch: Partial<Settings>) => void;
  now: number;
  /** Open the form for setting a PIN at once (coming from the nudge). */
  startWith: PinMode | null;
  onVault: (state: VaultState, mode: PinMode) => void;
  onLock: () => void;
  onError: (err: unknown) => void;
}

function idleLabel(minutes: number): string {
  if (minutes === 0) return t('autolock_never');
  // Fractions only come from tests; say them in seconds rather than as "0.05 minutes".
  if (!Number.isInteger(minutes)) return plural('autolock_seconds', Math.round(minutes * 60));
  return plural('autolock_minutes', minutes);
}

/** "Protect with a PIN": set, change or remove it, lock now, the idle time, and asking at browser start. */
export function PinSettings({ vault, settings, set, now, startWith, onVault, onLock, onError }: Props) {
  const [mode, setMode] = useState<PinMode | null>(startWith);
  const protection = vault.protection;
  const idle = settings.autoLockMinutes ?? DEFAULT_IDLE;
  const choices = IDLE_CHOICES.includes(idle) ? IDLE_CHOICES : [...IDLE_CHOICES, idle];
  const needsPin = protection === null ? t('pin_needed_hint') : undefined;

  return (
    <section class="pin-settings" aria-labelledby="pin-heading" data-testid="pin-settings">
      <h2 id="pin-heading">{t('pin_section')}</h2>
      <p class="hint" data-testid="pin-status">
        {protection === null ? t('pin_off_hint') : t(KIND_TEXT[protection].status)}
      </p>
      {mode ? (
        <PinForm
          mode={mode}
          protection={protection}
          now={now}
          onCancel={() => setMode(null)}
          onError={onError}
          onDone={(state, done) => {
            setMode(null);
            onVault(state, done);
          }}
        />
      ) : protection === null ? (
        <div class="buttons">
          <button type="button" class="button primary" data-testid="pin-set" onClick={() => setMode('set')}>
            {t('pin_set')}
          </button>
        </div>
      ) : (
        <div class="buttons">
          <button type="button" class="button primary" data-testid="lock-now" onClick={onLock}>
            {t('lock_now')}
          </button>
          <button type="button" class="button" data-testid="pin-change" onClick={() => setMode('change')}>
            {t(KIND_TEXT[protection].change)}
          </button>
          <button type="button" class="button danger-outline" data-testid="pin-remove" onClick={() => setMode('remove')}>
            {t(KIND_TEXT[protection].remove)}
          </button>
        </div>
      )}
      <Field id="auto-lock" label={t('autolock_label')} hint={needsPin ?? t(protection === 'passphrase' ? 'autolock_hint_passphrase' : 'autolock_hint')}>
        <select
          id="auto-lock"
          data-testid="setting-auto-lock"
          value={String(idle)}
          disabled={protection === null}
          aria-describedby="auto-lock-hint"
          onChange={(e) => set({ autoLockMinutes: Number(e.currentTarget.value) })}
        >
          {choices.map((m) => (
            <option key={m} value={String(m)}>
              {idleLabel(m)}
            </option>
          ))}
        </select>
      </Field>
      <Toggle
        testid="setting-ask-on-startup"
        label={t(protection === 'passphrase' ? 'setting_ask_on_startup_passphrase' : 'setting_ask_on_startup')}
        checked={settings.askOnStartup ?? false}
        disabled={protection === null}
        describedBy="ask-on-startup-hint"
        onChange={(input) => set({ askOnStartup: input.checked })}
      />
      <p class="hint" id="ask-on-startup-hint">
        {needsPin ?? t('setting_ask_on_startup_hint')}
      </p>
    </section>
  );
}
