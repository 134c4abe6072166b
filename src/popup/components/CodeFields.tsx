import { HASH_ALGORITHMS, LIMITS, OTP_KINDS, type HashAlgorithm, type OtpKind } from '../../core/account';
import { t } from '../../shared/i18n';
import { describedBy, Field } from './Field';

export const ALGORITHM_LABELS: Record<HashAlgorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

export interface CodeValues {
  kind: OtpKind;
  algorithm: HashAlgorithm;
  digits: string;
  period: string;
  /** Only where a counter can be set (adding an HOTP account); editing keeps the counter the codes reached. */
  counter?: string;
}

interface Props {
  /** `add` or `edit`: the fields' ids and test ids are `<prefix>-kind`, `<prefix>-digits`, … */
  prefix: string;
  values: CodeValues;
  set: { kind: (v: OtpKind) => void; algorithm: (v: HashAlgorithm) => void; digits: (v: string) => void; period: (v: string) => void; counter?: (v: string) => void };
  err: (field: string) => string | null;
}

/**
 * The kind, algorithm, digits and period (or counter) of a code: the add form's Advanced part and the
 * edit view's code settings are the same fields, so they read and check alike.
 */
export function CodeFields({ prefix, values, set, err }: Props) {
  const number = (field: 'digits' | 'period' | 'counter', value: string, onValue: (v: string) => void, min: number, max?: number) => (
    <Field id={`${prefix}-${field}`} label={t(`field_${field}`)} error={err(field)}>
      <input
        id={`${prefix}-${field}`}
        data-testid={`${prefix}-${field}`}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value}
        autocomplete="off"
        onInput={(e) => onValue(e.currentTarget.value)}
        {...describedBy(`${prefix}-${field}`, err(field))}
      />
    </Field>
  );
  return (
    <>
      <Field id={`${prefix}-kind`} label={t('field_kind')} error={err('kind')}>
        <select id={`${prefix}-kind`} data-testid={`${prefix}-kind`} value={values.kind} onChange={(e) => set.kind(e.currentTarget.value as OtpKind)} {...describedBy(`${prefix}-kind`, err('kind'))}>
          {OTP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {values.kind === 'steam' ? (
        <p class="hint">{t('steam_hint')}</p>
      ) : (
        <div class="grid">
          <Field id={`${prefix}-algorithm`} label={t('field_algorithm')} error={err('algorithm')}>
            <select
              id={`${prefix}-algorithm`}
              data-testid={`${prefix}-algorithm`}
              value={values.algorithm}
              onChange={(e) => set.algorithm(e.currentTarget.value as HashAlgorithm)}
              {...describedBy(`${prefix}-algorithm`, err('algorithm'))}
            >
              {HASH_ALGORITHMS.map((a) => (
                <option key={a} value={a}>
                  {ALGORITHM_LABELS[a]}
                </option>
              ))}
            </select>
          </Field>
          {number('digits', values.digits, set.digits, LIMITS.minDigits, LIMITS.maxDigits)}
          {values.kind !== 'hotp'
            ? number('period', values.period, set.period, LIMITS.minPeriod, LIMITS.maxPeriod)
            : values.counter !== undefined && set.counter
              ? number('counter', values.counter, set.counter, 0)
              : null}
        </div>
      )}
    </>
  );
}
