import type { HashAlgorithm, OtpKind } from '../../core/account';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { ALGORITHM_LABELS, CodeFields, type CodeValues } from './CodeFields';

type Values = Omit<CodeValues, 'counter'>;

interface Props {
  account: AccountView;
  unlocked: boolean;
  onUnlock: (on: boolean) => void;
  values: Values;
  set: { kind: (v: OtpKind) => void; algorithm: (v: HashAlgorithm) => void; digits: (v: string) => void; period: (v: string) => void };
  err: (field: string) => string | null;
}

/**
 * The account's kind, algorithm, digits and period in the edit view (issue 12): read-only until the user
 * ticks "I know what I am doing", because a wrong value gives codes no site accepts. The secret is never
 * part of this (accounts.update cannot change it).
 */
export function DetailsFields({ account, unlocked, onUnlock, values, set, err }: Props) {
  const facts = (
    <dl class="facts" data-testid="edit-details">
      <dt>{t('field_kind')}</dt>
      <dd data-testid="edit-detail-kind">{t(`kind_${account.kind}`)}</dd>
      <dt>{t('field_algorithm')}</dt>
      <dd data-testid="edit-detail-algorithm">{ALGORITHM_LABELS[account.algorithm]}</dd>
      <dt>{t('field_digits')}</dt>
      <dd data-testid="edit-detail-digits">{account.digits}</dd>
      {account.kind === 'hotp' ? null : (
        <>
          <dt>{t('field_period')}</dt>
          <dd data-testid="edit-detail-period">{account.period}</dd>
        </>
      )}
    </dl>
  );
  return (
    <fieldset class="details-fields">
      <legend>{t('edit_details_title')}</legend>
      {unlocked ? null : facts}
      <label class="toggle">
        <input type="checkbox" data-testid="edit-details-unlock" checked={unlocked} onChange={(e) => onUnlock(e.currentTarget.checked)} />
        <span>{t('edit_details_unlock')}</span>
      </label>
      {unlocked ? (
        <>
          <p class="hint warn-text">{t('edit_details_hint')}</p>
          <CodeFields prefix="edit" values={values} set={set} err={err} />
        </>
      ) : null}
    </fieldset>
  );
}
