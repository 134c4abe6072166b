import { t } from '../../shared/i18n';
import { AutoBackup } from './AutoBackup';
import { BackupForm } from './BackupForm';

/**
 * Backup and restore. A backup is made here; restoring one is an import (the file goes through the
 * import preview like any other), so this section points there instead of having a second file picker.
 */
export function BackupSection() {
  return (
    <section aria-labelledby="section-title" class="backup">
      <h2 id="section-title">{t('manage_backup_title')}</h2>
      <h3>{t('backup_create_title')}</h3>
      <p>{t('backup_create_intro')}</p>
      <BackupForm />
      <h3>{t('backup_restore_title')}</h3>
      <p>{t('backup_restore_intro')}</p>
      <a class="button" href="#import" data-testid="backup-restore-link">
        {t('backup_restore_link')}
      </a>
      <AutoBackup />
    </section>
  );
}
