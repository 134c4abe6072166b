/** Every account found, before anything is written: what it is, whether it is already in Twostep, a tick each. */
import { t } from '../../shared/i18n';
import { ALGORITHM_LABELS } from '../../popup/components/CodeFields';
import type { PreviewRow } from './preview';

interface Props {
  rows: readonly PreviewRow[];
  onTick: (key: string, ticked: boolean) => void;
  onAll: (ticked: boolean) => void;
  onBind: (key: string, bind: boolean) => void;
}

export function PreviewTable({ rows, onTick, onAll, onBind }: Props) {
  const anySites = rows.some((row) => row.input.sites.length > 0);
  return (
    <div class="import-preview">
      <div class="import-preview-tools">
        <button type="button" class="button small" data-testid="import-select-all" onClick={() => onAll(true)}>
          {t('manage_import_select_all')}
        </button>
        <button type="button" class="button small" data-testid="import-select-none" onClick={() => onAll(false)}>
          {t('manage_import_select_none')}
        </button>
      </div>
      <div class="table-scroll">
        <table data-testid="import-preview">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">{t('manage_import_col_import')}</span>
              </th>
              <th scope="col">{t('field_issuer')}</th>
              <th scope="col">{t('field_name')}</th>
              <th scope="col">{t('field_kind')}</th>
              <th scope="col">{t('field_algorithm')}</th>
              <th scope="col">{t('field_digits')}</th>
              <th scope="col">{t('manage_import_col_period')}</th>
              {anySites ? <th scope="col">{t('manage_import_col_site')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.key} row={row} anySites={anySites} onTick={onTick} onBind={onBind} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Row({ row, anySites, onTick, onBind }: { row: PreviewRow; anySites: boolean } & Pick<Props, 'onTick' | 'onBind'>) {
  const { input } = row;
  const label = input.issuer ? `${input.issuer} — ${input.name}` : input.name;
  const tickId = `import-tick-${row.key}`;
  return (
    <tr data-testid="import-row" data-duplicate={row.duplicate ?? undefined} class={row.duplicate ? 'duplicate' : undefined}>
      <td>
        <input
          id={tickId}
          type="checkbox"
          data-testid="import-tick"
          checked={row.ticked}
          aria-label={t('manage_import_tick', label)}
          onChange={(e) => onTick(row.key, e.currentTarget.checked)}
        />
      </td>
      <td data-testid="import-issuer">
        {input.issuer}
        {row.duplicate ? (
          <span class="badge" data-testid="import-duplicate">
            {t(row.duplicate === 'vault' ? 'manage_import_in_twostep' : 'manage_import_repeated')}
          </span>
        ) : null}
      </td>
      <td data-testid="import-name">{input.name}</td>
      <td data-testid="import-kind">{t(`kind_${input.kind}`)}</td>
      <td data-testid="import-algorithm">{ALGORITHM_LABELS[input.algorithm]}</td>
      <td data-testid="import-digits">{input.digits}</td>
      <td data-testid="import-period">
        {input.kind === 'hotp' ? t('manage_import_counter', String(input.counter)) : t('manage_import_period', String(input.period))}
      </td>
      {anySites ? (
        <td>
          {input.sites.length > 0 ? (
            <label class="bind">
              <input type="checkbox" data-testid="import-bind" checked={row.bind} onChange={(e) => onBind(row.key, e.currentTarget.checked)} />
              {t('manage_import_bind', input.sites.join(', '))}
            </label>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
