import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { BACKUP_SCHEDULES, KEEP_LIMITS, MIN_BACKUP_PASSWORD, type AutoBackupSettings, type BackupSchedule } from '../../core/auto-backup/policy';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import type { AutoBackupStatus } from '../../shared/protocol';
import { describedBy, Field, FormError } from '../../popup/components/Field';
import { ShowSecret } from '../../popup/components/ShowSecret';
import { KIND_TEXT } from '../../popup/pin-text';
import { StrengthMeter } from './StrengthMeter';
import { MIN_SCORE, strengthChecker, type Strength } from './strength';

const KEEP_CHOICES = [1, 2, 3, 5, 10, 20, 50].filter((n) => n >= KEEP_LIMITS.min && n <= KEEP_LIMITS.max);
const SCHEDULE_LABEL: Record<BackupSchedule, string> = { daily: 'auto_backup_daily', weekly: 'auto_backup_weekly' };

/** How often and how many: shared by the form and the "on" view. */
export function ScheduleFields({ value, onChange }: { value: AutoBackupSettings; onChange: (next: AutoBackupSettings) => void }) {
  return (
    <div class="auto-backup-fields">
      <Field id="auto-backup-schedule" label={t('auto_backup_schedule')}>
        <select id="auto-backup-schedule" data-testid="auto-backup-schedule" value={value.schedule} onChange={(e) => onChange({ ...value, schedule: e.currentTarget.value as BackupSchedule })}>
          {BACKUP_SCHEDULES.map((s) => (
            <option key={s} value={s}>
              {t(SCHEDULE_LABEL[s])}
            </option>
          ))}
        </select>
      </Field>
      <Field id="auto-backup-keep" label={t('auto_backup_keep')}>
        <select id="auto-backup-keep" data-testid="auto-backup-keep" value={String(value.keep)} onChange={(e) => onChange({ ...value, keep: Number(e.currentTarget.value) })}>
          {[...new Set([...KEEP_CHOICES, value.keep])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={String(n)}>
              {String(n)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/**
 * Choosing the backup password (turning on, or a new password): it is sent once, the worker derives
 * the key and keeps it sealed under the vault key. The `downloads` permission is asked in the same
 * click (a permission prompt needs the user's gesture); the worker also hears of a grant that arrives
 * after this page closed. A refusal turns automatic backups off again.
 */
export function AutoBackupForm(props: { status: AutoBackupStatus; protection: SecretKind | null; onDone: (next: AutoBackupStatus) => void; onCancel: () => void }) {
  const { status, protection } = props;
  const [settings, setSettings] = useState<AutoBackupSettings>({ enabled: true, schedule: status.schedule, keep: status.keep });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [secret, setSecret] = useState('');
  const secretInput = useRef<HTMLInputElement>(null);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The same zxcvbn meter and bar as a manual backup (strength.ts): the file may be attacked offline for ever.
  const [judged, setJudged] = useState<{ password: string; strength: Strength } | null>(null);
  useEffect(() => {
    let live = true;
    if (password !== '') void strengthChecker().then((check) => live && setJudged({ password, strength: check(password) }));
    return () => {
      live = false;
    };
  }, [password]);
  // Only the verdict on what is typed now counts; until it is in, the form waits.
  const strength = judged?.password === password ? judged.strength : null;
  const short = [...password].length < MIN_BACKUP_PASSWORD ? t('auto_backup_password_short', String(MIN_BACKUP_PASSWORD)) : null;
  const mismatch = repeat !== password ? t('auto_backup_password_mismatch') : null;

  const weak = !short && strength !== null && strength.score < MIN_SCORE ? t('error_backup_password_weak') : null;
  const submit = (e: Event): void => {
    e.preventDefault();
    setTried(true);
    if (short || weak || mismatch || busy || strength === null) return;
    setBusy(true);
    setError(null);
    const saving = call('autoBackup.set', { ...settings, password, secret: protection ? secret : null });
    const asking = status.permitted ? Promise.resolve(true) : browser.permissions.request({ permissions: ['downloads'] });
    void Promise.allSettled([saving, asking]).then(async ([saved, granted]) => {
      setBusy(false);
      if (saved.status === 'rejected') return setError(translateError(saved.reason));
      if (granted.status === 'fulfilled' && !granted.value) {
        return props.onDone(await call('autoBackup.set', { ...settings, enabled: false, password: null, secret: null }));
      }
      props.onDone(saved.value);
    });
  };

  return (
    <form class="auto-backup-form" data-testid="auto-backup-form" onSubmit={submit} noValidate>
      <Field id="auto-backup-password" label={t('auto_backup_password')} hint={t('auto_backup_password_hint', String(MIN_BACKUP_PASSWORD))} error={tried ? (short ?? weak) : null}>
        <input id="auto-backup-password" data-testid="auto-backup-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...describedBy('auto-backup-password', tried ? (short ?? weak) : null, 'hint')} />
        <StrengthMeter strength={strength} />
      </Field>
      <Field id="auto-backup-repeat" label={t('auto_backup_password_repeat')} error={tried && !short && !weak ? mismatch : null}>
        <input id="auto-backup-repeat" data-testid="auto-backup-repeat" type="password" autocomplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} {...describedBy('auto-backup-repeat', tried && !short && !weak ? mismatch : null)} />
      </Field>
      {protection ? (
        <Field id="auto-backup-pin" label={t(KIND_TEXT[protection].field)} hint={t('backup_pin_hint')}>
          <input ref={secretInput} id="auto-backup-pin" data-testid="auto-backup-pin" type="password" autocomplete="off" inputMode={protection === 'pin' ? 'numeric' : undefined} value={secret} onInput={(e) => setSecret(e.currentTarget.value)} {...describedBy('auto-backup-pin', null, t('backup_pin_hint'))} />
        </Field>
      ) : null}
      {protection === 'passphrase' ? <ShowSecret targets={[secretInput]} testid="auto-backup-pin-show" /> : null}
      {status.enabled ? null : <ScheduleFields value={settings} onChange={setSettings} />}
      <FormError message={error} />
      <div class="actions">
        <button type="button" class="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="button primary" data-testid="auto-backup-submit" disabled={busy || (password !== '' && strength === null)}>
          {t(status.enabled ? 'auto_backup_save_password' : 'auto_backup_start')}
        </button>
      </div>
    </form>
  );
}
