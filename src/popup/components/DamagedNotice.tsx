import { t } from '../../shared/i18n';

/**
 * Above the list when some stored accounts could not be read (tampered or corrupted on disk). They
 * are kept, never deleted, so a later version or a backup can still recover them.
 */
export function DamagedNotice({ count }: { count: number }) {
  return (
    <div class="damaged" role="status" data-testid="damaged-notice">
      <strong>{t(count === 1 ? 'damaged_one' : 'damaged_many', String(count))}</strong>
      <p>{t('damaged_detail')}</p>
    </div>
  );
}
