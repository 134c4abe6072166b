import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AutoBackupSettings } from '../../core/auto-backup/policy';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { t, translateError, uiLanguage } from '../../shared/i18n';
import type { AutoBackupStatus } from '../../shared/protocol';
import { AutoBackupForm, ScheduleFields } from './AutoBackupForm';

/**
 * After turning on or a new password the first file is written in the background: the status is read
 * again every second for a while. Not for ever: every call counts as use of the page and would keep a
 * PIN-protected vault from locking when idle.
 */
const WATCH_MS = 1000;
const WATCH_TIMES = 20;

/** Automatic backups in the Backup section: off by default; on, with a schedule, a count to keep and "Back up now". */
export function AutoBackup() {
  const [status, setStatus] = useState<AutoBackupStatus | null>(null);
  const [protection, setProtection] = useState<SecretKind | null>(null);
  const [form, setForm] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [watching, setWatching] = useState(0);
  const refresh = (): Promise<void> => call('autoBackup.get', null).then(setStatus, () => undefined);
  useEffect(() => {
    void refresh();
    call('vault.state', null).then((s) => setProtection(s.protection), () => undefined);
    // Coming back to the tab is use: show what happened meanwhile.
    const onFocus = (): void => void refresh();
    addEventListener('focus', onFocus);
    return () => removeEventListener('focus', onFocus);
  }, []);
  useEffect(() => {
    if (watching === 0) return undefined;
    const timer = setTimeout(() => void refresh().then(() => setWatching((n) => Math.max(0, n - 1))), WATCH_MS);
    return () => clearTimeout(timer);
  }, [watching, status]);
  if (!status) return null;

  const apply = (next: AutoBackupSettings): void => {
    setNote(null);
    call('autoBackup.set', { ...next, password: null, secret: null }).then(setStatus, (err: unknown) => setNote(translateError(err)));
  };
  const runNow = (): void => {
    setBusy(true);
    setNote(null);
    call('autoBackup.runNow', null)
      .then((s) => {
        setStatus(s);
        setNote(t('auto_backup_done'));
      }, (err: unknown) => setNote(translateError(err)))
      .finally(() => setBusy(false));
  };
  // A click, so the permission prompt may show; the worker writes the first file when it is granted.
  const allow = (): void =>
    void browser.permissions.request({ permissions: ['downloads'] }).then(() => {
      void refresh();
      setWatching(WATCH_TIMES);
    }, () => undefined);

  const settings = { enabled: status.enabled, schedule: status.schedule, keep: status.keep };
  const formView = form ? (
    <AutoBackupForm
      status={status}
      protection={protection}
      onCancel={() => setForm(false)}
      onDone={(next) => {
        setStatus(next);
        setForm(false);
        if (next.enabled) setWatching(WATCH_TIMES);
      }}
    />
  ) : null;

  return (
    <section class="auto-backup" aria-labelledby="auto-backup-title" data-testid="auto-backup" data-enabled={String(status.enabled)}>
      <h3 id="auto-backup-title">{t('auto_backup_title')}</h3>
      <p>{t('auto_backup_intro', status.folder)}</p>
      <p class="hint">{t('auto_backup_locked_note')}</p>
      {!status.enabled ? (
        (formView ?? (
          <button type="button" class="button primary" data-testid="auto-backup-enable" onClick={() => setForm(true)}>
            {t('auto_backup_enable')}
          </button>
        ))
      ) : (
        <>
          <p data-testid="auto-backup-status">
            {t('auto_backup_on')}{' '}
            <span data-testid="auto-backup-last">{status.lastAt === null ? t('auto_backup_never') : t('auto_backup_last', new Date(status.lastAt).toLocaleString(uiLanguage()))}</span>
          </p>
          {status.lastError && !(status.lastError === 'backup_no_permission' && !status.permitted) ? (
            <p class="error" data-testid="auto-backup-error" role="alert">
              {t('auto_backup_failed', translateError({ code: status.lastError }))}
            </p>
          ) : null}
          {!status.permitted ? (
            <p class="warning" data-testid="auto-backup-permission">
              {t('auto_backup_permission_needed')}{' '}
              <button type="button" class="button small" data-testid="auto-backup-allow" onClick={allow}>
                {t('auto_backup_allow')}
              </button>
            </p>
          ) : null}
          <ScheduleFields value={settings} onChange={apply} />
          {formView ?? (
            <div class="actions">
              <button type="button" class="button primary" data-testid="auto-backup-now" disabled={busy || !status.hasKey} onClick={runNow}>
                {t('auto_backup_now')}
              </button>
              <button type="button" class="button" data-testid="auto-backup-password-change" onClick={() => setForm(true)}>
                {t('auto_backup_change_password')}
              </button>
              <button type="button" class="button" data-testid="auto-backup-off" onClick={() => apply({ ...settings, enabled: false })}>
                {t('auto_backup_turn_off')}
              </button>
            </div>
          )}
        </>
      )}
      <p class="note" role="status" data-testid="auto-backup-note">
        {note ?? ''}
      </p>
    </section>
  );
}
