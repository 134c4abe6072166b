import { t } from '../../shared/i18n';
import { LockIcon } from './icons';

/** A one-line suggestion above the list to protect the codes; "Not now" hides it for good. */
export function PinNudge({ onSetPin, onDismiss }: { onSetPin: () => void; onDismiss: () => void }) {
  return (
    <aside class="nudge" data-testid="pin-nudge" aria-labelledby="nudge-text">
      <LockIcon small />
      <p id="nudge-text">{t('nudge_text')}</p>
      <button type="button" class="button primary small" data-testid="nudge-set" onClick={onSetPin}>
        {t('nudge_set')}
      </button>
      <button type="button" class="button small" data-testid="nudge-dismiss" onClick={onDismiss}>
        {t('nudge_later')}
      </button>
    </aside>
  );
}
