import { t } from '../../shared/i18n';

/** Above the list when the page names an issuer but is not its site: nothing is filled there. */
export function LookalikeBanner({ issuer, site }: { issuer: string; site: string }) {
  return (
    <div class="lookalike" role="alert" data-testid="lookalike-warning">
      <strong>{t('lookalike_warning', site)}</strong>
      <p>{t('lookalike_detail', [issuer, site])}</p>
    </div>
  );
}
