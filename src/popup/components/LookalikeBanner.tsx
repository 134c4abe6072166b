import { t } from '../../shared/i18n';

/** An account the user clicked on a look-alike page: nothing is copied until they confirm, naming the real site. */
export interface LookalikeAsk {
  issuer: string;
  site: string;
  run: () => void;
}

/** Above the list when the page names an issuer but is not its site: nothing is filled there. */
export function LookalikeBanner({ issuer, site, ask, onCancel }: { issuer: string; site: string; ask: LookalikeAsk | null; onCancel: () => void }) {
  return (
    <div class="lookalike" role="alert" data-testid="lookalike-warning">
      <strong>{t('lookalike_warning', site)}</strong>
      <p>{t('lookalike_detail', [issuer, site])}</p>
      {ask ? (
        <div class="lookalike-ask" data-testid="lookalike-confirm">
          <p>{t('lookalike_confirm', [ask.site, ask.issuer])}</p>
          <button type="button" class="button small" data-testid="lookalike-copy" onClick={ask.run}>
            {t('lookalike_confirm_yes')}
          </button>
          <button type="button" class="button primary small" data-testid="lookalike-cancel" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
