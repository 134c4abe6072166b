/** The popup's whole-screen states: no accounts yet, nothing found, and failed to load (locked: LockedView). */
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n';
import { KeyIcon, LockIcon, PlusIcon, QrIcon } from './icons';

interface EmptyProps {
  onAdd: () => void;
  onScan: () => void;
  /** First run without a PIN: offer one before the first secret is stored (null once answered). */
  onProtect?: (() => void) | null | undefined;
}

/** The full-tab page's Import section: a file dialog would close the popup, so files are read there. */
function openImport(): void {
  browser.tabs.create({ url: browser.runtime.getURL('src/manage/index.html#import') }).then(() => window.close(), () => undefined);
}

export function EmptyState({ onAdd, onScan, onProtect }: EmptyProps) {
  return (
    <div class="state" data-testid="empty-state">
      <KeyIcon />
      <h2>{t('empty_title')}</h2>
      <p>{t('empty_body')}</p>
      {onProtect ? (
        <>
          <button type="button" class="button primary" data-testid="empty-protect-button" aria-describedby="empty-protect-hint" onClick={onProtect}>
            <LockIcon small />
            {t('empty_protect')}
          </button>
          <p class="hint" id="empty-protect-hint">
            {t('empty_protect_hint')}
          </p>
        </>
      ) : null}
      <button type="button" class={onProtect ? 'button' : 'button primary'} data-testid="empty-add-button" onClick={onAdd}>
        <PlusIcon />
        {t('add_account')}
      </button>
      <button type="button" class="button" data-testid="empty-scan-button" onClick={onScan}>
        <QrIcon />
        {t('scan_qr')}
      </button>
      <button type="button" class="link-button" data-testid="empty-import-button" onClick={openImport}>
        {t('empty_import')}
      </button>
    </div>
  );
}

export function NoResults({ query }: { query: string }) {
  return (
    <div class="state small" data-testid="no-results" role="status">
      <p>{t('no_results', query)}</p>
    </div>
  );
}

export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <div class="state" data-testid="load-failed" role="alert">
      <h2>{t('load_failed_title')}</h2>
      <p>{t('load_failed_body')}</p>
      <button type="button" class="button primary" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}
