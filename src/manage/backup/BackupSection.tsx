import { t } from '../../shared/i18n';
import { AutoBackup } from './AutoBackup';

/** Placeholder until this section is built. */
export function BackupSection() {
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t('manage_backup_title')}</h2>
      <AutoBackup />
    </section>
  );
}
