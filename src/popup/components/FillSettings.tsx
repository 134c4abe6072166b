import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/protocol';
import { INLINE_GRANT } from '../../shared/site-access';
import { release, requestThenSet } from '../grant';
import { Toggle } from './Toggle';

interface Props {
  settings: Partial<Settings>;
  set: (patch: Partial<Settings>) => void;
}

/** "Filling": the inline button (asks for access to sites, with the reason first) and filling without asking. */
export function FillSettings({ settings, set }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const toggleInline = (input: HTMLInputElement): void => {
    setNote(null);
    if (!input.checked) {
      set({ inlineButton: false });
      // Access to sites was only for the button: give it back.
      release(INLINE_GRANT);
      return;
    }
    // Shown as on only once the browser granted access; the request must come from this click.
    input.checked = false;
    requestThenSet({ inlineButton: true }, set, () => setNote(t('setting_inline_denied')));
  };
  return (
    <section class="fill-settings" aria-labelledby="fill-heading" data-testid="fill-settings">
      <h2 id="fill-heading">{t('fill_section')}</h2>
      <p class="hint" id="inline-button-why">
        {t('setting_inline_button_why')}
      </p>
      <Toggle
        testid="setting-inline-button"
        label={t('setting_inline_button')}
        checked={settings.inlineButton ?? false}
        describedBy="inline-button-why"
        onChange={toggleInline}
      />
      {note ? (
        <p class="hint" role="status" data-testid="inline-button-note">
          {note}
        </p>
      ) : null}
      <Toggle
        testid="setting-auto-fill"
        label={t('setting_auto_fill')}
        checked={settings.autoFill ?? false}
        describedBy="auto-fill-hint"
        onChange={(input) => set({ autoFill: input.checked })}
      />
      <p class="hint" id="auto-fill-hint">
        {t('setting_auto_fill_hint')}
      </p>
      <Toggle
        testid="setting-keep-open"
        label={t('setting_keep_open')}
        checked={settings.keepPopupOpen ?? false}
        onChange={(input) => set({ keepPopupOpen: input.checked })}
      />
    </section>
  );
}
