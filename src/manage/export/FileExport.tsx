import type { AccountInput } from '../../core/account';
import { formatAegisJson } from '../../core/export/aegis';
import { formatOtpauthList } from '../../core/export/otpauth-list';
import { t } from '../../shared/i18n';
import { saveFile, today } from './download';

export type FileFormat = 'otpauth' | 'aegis';

/** Writes the file and says where; the accounts are not kept afterwards (the caller drops them). */
export function writeExport(format: FileFormat, accounts: AccountInput[]): string {
  const date = today(new Date());
  if (format === 'aegis') {
    const name = `twostep-aegis-${date}.json`;
    saveFile(name, formatAegisJson(accounts, () => crypto.randomUUID()), 'application/json');
    return name;
  }
  const name = `twostep-otpauth-${date}.txt`;
  saveFile(name, formatOtpauthList(accounts), 'text/plain');
  return name;
}

/** The warning a plain file gets before anything else happens; confirming it is what starts the export. */
export function FileWarning({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="export-warning" role="alertdialog" aria-labelledby="export-file-warning" data-testid="export-file-warning">
      <p id="export-file-warning">
        <strong>{t('export_file_warning')}</strong>
      </p>
      <div class="actions">
        <button type="button" class="button" data-testid="export-file-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="button danger" data-testid="export-file-confirm" onClick={onConfirm}>
          {t('export_file_confirm')}
        </button>
      </div>
    </div>
  );
}
