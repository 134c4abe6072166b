import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { accountLabel } from '../../popup/format';

interface Props {
  accounts: AccountView[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  disabled: boolean;
}

/** Checkboxes for the accounts to export (names only: nothing here has a secret). */
export function AccountPicker({ accounts, chosen, onChange, disabled }: Props) {
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset class="export-picker" disabled={disabled}>
      <legend>{t('export_choose')}</legend>
      <div class="actions start">
        <button type="button" class="button" data-testid="export-all" onClick={() => onChange(new Set(accounts.map((a) => a.id)))}>
          {t('export_select_all')}
        </button>
        <button type="button" class="button" data-testid="export-none" onClick={() => onChange(new Set())}>
          {t('export_select_none')}
        </button>
        <span class="hint" data-testid="export-chosen">
          {t('export_chosen', [String(chosen.size), String(accounts.length)])}
        </span>
      </div>
      <ul>
        {accounts.map((account) => (
          <li key={account.id}>
            <label>
              <input type="checkbox" data-testid="export-pick" checked={chosen.has(account.id)} onChange={(e) => toggle(account.id, e.currentTarget.checked)} />
              {accountLabel(account)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
