import { t } from '../../shared/i18n';

/** Placeholder until this section is built. */
export function ImportSection() {
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title">{t('manage_import_title')}</h2>
    </section>
  );
}
