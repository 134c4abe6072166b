import { t } from '../../shared/i18n';

/** After a fill that found no code field: nothing happened, said plainly, with the copy as a separate choice. */
export function NoFieldNotice({ onCopy, onDismiss }: { onCopy: () => void; onDismiss: () => void }) {
  return (
    <div class="notice" role="alert" data-testid="no-field">
      <p>{t('no_code_field')}</p>
      <div class="notice-actions">
        <button type="button" class="button primary small" data-testid="copy-instead" onClick={onCopy}>
          {t('copy_instead')}
        </button>
        <button type="button" class="button small" data-testid="no-field-dismiss" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
