import { useMemo, useState } from 'preact/hooks';
import type { AccountInput } from '../../core/account';
import type { MigrationPlan, MigrationProblem } from '../../core/migration/plan';
import { planMigration } from '../../core/migration/plan';
import { t } from '../../shared/i18n';
import { QrCode } from '../../popup/components/QrCode';
import { accountLabel } from '../../popup/format';

/** Each reason in words, with the number that makes it one (the period, the digits). */
const PROBLEM_TEXT: Record<MigrationProblem, (account: AccountInput) => string> = {
  steam: () => t('export_loss_steam'),
  period: (a) => t('export_loss_period', String(a.period)),
  digits: (a) => t('export_loss_digits', String(a.digits)),
  too_large: () => t('export_loss_too_large'),
};

/** A random non-negative int32 for `batch_id`: the same for every code of this export, new next time. */
function newBatchId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
}

/** What the codes leave out or lose, said before the first code is shown. */
function LossReport({ plan, accounts }: { plan: MigrationPlan; accounts: AccountInput[] }) {
  const of = (indexes: number[]): AccountInput[] => indexes.map((i) => accounts[i]).filter((a): a is AccountInput => a !== undefined);
  const losingSites = of(plan.losingSites);
  const beyondGoogle = of(plan.beyondGoogle);
  if (plan.refused.length === 0 && losingSites.length === 0 && beyondGoogle.length === 0) return null;
  return (
    <div class="export-losses" data-testid="export-losses">
      {plan.refused.length > 0 ? (
        <>
          <h4>{t('export_losses_title')}</h4>
          <p class="hint">{t('export_losses_hint')}</p>
          <ul data-testid="export-refused">
            {plan.refused.map(({ index, problems }) => {
              const account = accounts[index];
              if (!account) return null;
              return (
                <li key={index}>
                  <strong>{accountLabel(account)}</strong>: {problems.map((p) => PROBLEM_TEXT[p](account)).join('; ')}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {losingSites.length > 0 ? (
        <p class="hint" data-testid="export-losing-sites">
          {t('export_loss_sites', losingSites.map(accountLabel).join(', '))}
        </p>
      ) : null}
      {beyondGoogle.length > 0 ? (
        <p class="hint" data-testid="export-beyond-google">
          {t('export_loss_google', beyondGoogle.map(accountLabel).join(', '))}
        </p>
      ) : null}
    </div>
  );
}

/** "Move to a phone": the loss report, then the transfer codes one at a time with "1 of N". */
export function PhoneExport({ accounts, onDone }: { accounts: AccountInput[]; onDone: () => void }) {
  const plan = useMemo(() => planMigration(accounts, newBatchId()), [accounts]);
  const [shown, setShown] = useState(0);
  const count = plan.codes.length;
  const code = plan.codes[Math.min(shown, count - 1)];
  return (
    <div class="export-phone" data-testid="export-phone">
      <LossReport plan={plan} accounts={accounts} />
      {code === undefined ? (
        <p data-testid="export-nothing">{t('export_nothing_fits')}</p>
      ) : (
        <figure class="export-code">
          <QrCode key={shown} text={code.uri} label={t('export_code_label', [String(shown + 1), String(count)])} size={420} testId="export-qr" />
          <figcaption>
            <strong data-testid="export-code-of">{t('export_code_of', [String(shown + 1), String(count)])}</strong>
            <span class="hint" data-testid="export-code-holds">
              {t('export_code_holds', code.accounts.map((i) => (accounts[i] ? accountLabel(accounts[i]) : '')).join(', '))}
            </span>
          </figcaption>
        </figure>
      )}
      <div class="actions">
        <button type="button" class="button" data-testid="export-previous" disabled={shown === 0} onClick={() => setShown(shown - 1)}>
          {t('export_previous')}
        </button>
        <button type="button" class="button" data-testid="export-next" disabled={shown >= count - 1} onClick={() => setShown(shown + 1)}>
          {t('export_next')}
        </button>
        <button type="button" class="button primary" data-testid="export-done" onClick={onDone}>
          {t('export_done')}
        </button>
      </div>
    </div>
  );
}
