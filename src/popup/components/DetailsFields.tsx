import { HASH_ALGORITHMS, LIMITS, OTP_KINDS, type HashAlgorithm, type OtpKind } from '../../core/account';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { describedBy, Field } from './Field';

export const ALGORITHM_LABELS: Record<HashAlgorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

interface Values {
  kind: OtpKind;
  algorithm: HashAlgorithm;
  digits: string;
  period: string;
}

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
          <Field id="edit-kind" label={t('field_kind')}>
            <select id="edit-kind" data-testid="edit-kind" value={values.kind} onChange={(e) => set.kind(e.currentTarget.value as OtpKind)}>
              {OTP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind_${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {values.kind === 'steam' ? null : (
            <div class="grid">
              <Field id="edit-algorithm" label={t('field_algorithm')} error={err('algorithm')}>
                <select
                  id="edit-algorithm"
                  data-testid="edit-algorithm"
                  value={values.algorithm}
                  onChange={(e) => set.algorithm(e.currentTarget.value as HashAlgorithm)}
                >
                  {HASH_ALGORITHMS.map((a) => (
                    <option key={a} value={a}>
                      {ALGORITHM_LABELS[a]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="edit-digits" label={t('field_digits')} error={err('digits')}>
                <input
                  id="edit-digits"
                  data-testid="edit-digits"
                  type="number"
                  min={LIMITS.minDigits}
                  max={LIMITS.maxDigits}
                  value={values.digits}
                  onInput={(e) => set.digits(e.currentTarget.value)}
                  {...describedBy('edit-digits', err('digits'))}
                />
              </Field>
              {values.kind === 'hotp' ? null : (
                <Field id="edit-period" label={t('field_period')} error={err('period')}>
                  <input
                    id="edit-period"
                    data-testid="edit-period"
                    type="number"
                    min={LIMITS.minPeriod}
                    max={LIMITS.maxPeriod}
                    value={values.period}
                    onInput={(e) => set.period(e.currentTarget.value)}
                    {...describedBy('edit-period', err('period'))}
                  />
                </Field>
              )}
            </div>
          )}
        </>
      ) : null}
    </fieldset>
  );
}
