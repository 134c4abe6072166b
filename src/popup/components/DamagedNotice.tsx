import { plural, t } from '../../shared/i18n';

/**
 * Above the list when some stored accounts could not be read (tampered or corrupted on disk). They
 * are kept, never deleted, so a later version or a backup can still recover them.
 */
export function DamagedNotice({ count, rolledBack }: { count: number; rolledBack: boolean }) {
  return (
    <div class="damaged" role="status" data-testid="damaged-notice">
      {count > 0 && <strong>{plural('damaged', count)}</strong>}
      {count > 0 && <p>{t('damaged_detail')}</p>}
      {rolledBack && <p data-testid="rolled-back-notice">{t('vault_rolled_back')}</p>}
    </div>
  );
}
