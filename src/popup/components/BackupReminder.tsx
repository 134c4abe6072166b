import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { call } from '../../shared/client';
import { t } from '../../shared/i18n';

/**
 * A quiet line above the list when accounts changed since the last backup (manual or automatic); it
 * links to the page's Backup section, and "Later" hides it until the next change. Asked again whenever
 * the number of accounts changes (an add or a delete in this popup).
 */
export function BackupReminder({ accountCount }: { accountCount: number }) {
  const [due, setDue] = useState(false);
  useEffect(() => {
    call('backupReminder.get', null).then((r) => setDue(r.due), () => setDue(false));
  }, [accountCount]);
  if (!due) return null;
  const open = (e: Event): void => {
    e.preventDefault();
    browser.tabs.create({ url: browser.runtime.getURL('src/manage/index.html#backup') }).then(() => window.close(), () => undefined);
  };
  const later = (): void => {
    setDue(false);
    void call('backupReminder.dismiss', null).catch(() => undefined);
  };
  return (
    <aside class="nudge quiet" data-testid="backup-reminder">
      <p>{t('backup_reminder_text')}</p>
      <a href="#" class="button small primary" data-testid="backup-reminder-open" onClick={open}>
        {t('backup_reminder_link')}
      </a>
      <button type="button" class="button small" data-testid="backup-reminder-later" onClick={later}>
        {t('backup_reminder_later')}
      </button>
    </aside>
  );
}
