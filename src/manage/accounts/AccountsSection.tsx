/**
 * The account list with room to breathe: issuer, name, kind, the sites it fills on and the live code,
 * with a search. Read-only on purpose: editing stays in the popup, one place for one job. The list
 * and its codes come from `accounts.list` (no secret), through the popup's own hook and helpers.
 */
import { useEffect, useState } from 'preact/hooks';
import { plural, t } from '../../shared/i18n';
import { groupCode, searchText, shownCode, sortAccounts } from '../../popup/format';
import { useAccounts } from '../../popup/hooks/useAccounts';
import type { AccountView } from '../../shared/protocol';

/** Codes change at period boundaries; a tick a second is what the popup uses too. */
function useSecondTick(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function AccountsSection() {
  const now = useSecondTick();
  const { accounts, status } = useAccounts(now);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = sortAccounts(accounts).filter((account) => needle === '' || searchText(account).includes(needle));

  return (
    <section aria-labelledby="section-title" class="accounts">
      <div class="accounts-head">
        <h2 id="section-title">{t('manage_accounts_title')}</h2>
        {status === 'ready' ? <span class="hint">{plural('manage_accounts_count', accounts.length)}</span> : null}
      </div>
      {status === 'ready' && accounts.length === 0 ? (
        <p class="lead" data-testid="accounts-none">
          {t('manage_accounts_none')} <a href="#import">{t('manage_import_title')}</a>
        </p>
      ) : null}
      {accounts.length > 0 ? (
        <>
          <div class="field accounts-search">
            <label for="accounts-search">{t('manage_accounts_search')}</label>
            <input id="accounts-search" data-testid="accounts-search" type="search" value={query} autocomplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
          </div>
          {shown.length === 0 ? (
            <p role="status" data-testid="accounts-no-match">
              {t('manage_accounts_no_match', query.trim())}
            </p>
          ) : (
            <div class="table-scroll">
              <table class="accounts-table" data-testid="accounts-table">
                <thead>
                  <tr>
                    <th scope="col">{t('manage_accounts_col_account')}</th>
                    <th scope="col">{t('field_kind')}</th>
                    <th scope="col">{t('manage_accounts_col_sites')}</th>
                    <th scope="col">{t('manage_accounts_col_code')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((account) => (
                    <Row key={account.id} account={account} now={now} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function Row({ account, now }: { account: AccountView; now: number }) {
  const { code, validUntil } = shownCode(account, now);
  const seconds = validUntil === null ? null : Math.max(0, Math.ceil((validUntil - now) / 1000));
  return (
    <tr data-testid="accounts-row">
      <td>
        <span class="accounts-issuer" data-testid="accounts-issuer">
          {account.issuer || account.name}
        </span>
        {account.issuer && account.name ? (
          <span class="accounts-name" data-testid="accounts-name">
            {account.name}
          </span>
        ) : null}
      </td>
      <td>{t(`kind_${account.kind}`)}</td>
      <td data-testid="accounts-sites">{account.sites.length > 0 ? account.sites.join(', ') : <span class="hint">{t('manage_accounts_any_site')}</span>}</td>
      <td class="accounts-code">
        <span class="mono" data-testid="accounts-code">
          {groupCode(code, account.kind)}
        </span>
        {seconds !== null ? <span class="hint"> {seconds} s</span> : null}
      </td>
    </tr>
  );
}
