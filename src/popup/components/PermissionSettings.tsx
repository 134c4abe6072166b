import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/protocol';
import { CLIPBOARD_GRANT, ICONS_GRANT } from '../../shared/site-access';
import { FIREFOX } from '../../shared/target';
import { release, requestThenSet } from '../grant';
import { Field } from './Field';
import { Toggle } from './Toggle';

/** Delays on offer, in seconds; 0 never. A value set elsewhere (a test's 2 s) is shown as well. */
const DELAYS = [0, 15, 30, 60, 120];

interface Props {
  settings: Partial<Settings>;
  set: (patch: Partial<Settings>) => void;
}

/** The two settings that ask the browser for a permission when turned on: clipboard clearing and site icons. */
export function PermissionSettings({ settings, set }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const delay = settings.clipboardClearSeconds ?? 0;
  const choices = DELAYS.includes(delay) ? DELAYS : [...DELAYS, delay].sort((a, b) => a - b);
  const changeDelay = (select: HTMLSelectElement): void => {
    const seconds = Number(select.value);
    setNote(null);
    if (seconds === 0) {
      set({ clipboardClearSeconds: 0 });
      release(CLIPBOARD_GRANT);
    } else if (delay > 0) {
      set({ clipboardClearSeconds: seconds });
    } else {
      // Shown as set only once the browser granted access.
      select.value = '0';
      requestThenSet({ clipboardClearSeconds: seconds }, set, () => setNote(t('setting_clipboard_denied')));
    }
  };
  const toggleIcons = (input: HTMLInputElement): void => {
    setNote(null);
    if (!input.checked) {
      set({ siteIcons: false });
      release(ICONS_GRANT);
      return;
    }
    input.checked = false;
    requestThenSet({ siteIcons: true }, set, () => setNote(t('setting_site_icons_denied')));
  };
  return (
    <>
      <Field id="clipboard-clear" label={t('setting_clipboard_clear')} hint={t('setting_clipboard_hint')}>
        <select id="clipboard-clear" data-testid="setting-clipboard-clear" value={String(delay)} aria-describedby="clipboard-clear-hint" onChange={(e) => changeDelay(e.currentTarget)}>
          {choices.map((s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? t('clipboard_never') : t('clipboard_after', String(s))}
            </option>
          ))}
        </select>
      </Field>
      {/* Firefox gives extensions no favicon cache: the letter avatars stay, and the setting is not offered. */}
      {FIREFOX ? null : (
        <>
          <Toggle testid="setting-site-icons" label={t('setting_site_icons')} checked={settings.siteIcons ?? false} describedBy="site-icons-hint" onChange={toggleIcons} />
          <p class="hint" id="site-icons-hint">
            {t('setting_site_icons_hint')}
          </p>
        </>
      )}
      {note ? (
        <p class="hint" role="status" data-testid="permission-note">
          {note}
        </p>
      ) : null}
    </>
  );
}
