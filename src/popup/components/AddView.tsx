import type { InputHTMLAttributes, TargetedSubmitEvent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, STEAM, type AccountInput, type HashAlgorithm, type OtpKind } from '../../core/account';
import { TwostepError, type ErrorCode } from '../../core/errors';
import { call } from '../../shared/client';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { formError, type FormErrorState } from '../errors';
import { CodeFields } from './CodeFields';
import { describedBy, Field, FormError } from './Field';

const ADVANCED_FIELDS = ['kind', 'algorithm', 'digits', 'period', 'counter'];

interface Props {
  /** One account, or every account of a pasted Google Authenticator transfer link. */
  onAdded: (accounts: AccountView[]) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
}

/** Secrets are often shown in groups ("abcd efgh …") or with padding; the background wants canonical base32. */
function canonicalSecret(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
}

function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** Adds an account by hand (with advanced OTP parameters behind a disclosure) or from an otpauth:// link. */
export function AddView({ onAdded, onCancel, onError }: Props) {
  const [mode, setMode] = useState<'manual' | 'uri'>('manual');
  const [issuer, setIssuer] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [kind, setKind] = useState<OtpKind>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState('6');
  const [period, setPeriod] = useState('30');
  const [counter, setCounter] = useState('0');
  const [uri, setUri] = useState('');
  const [advanced, setAdvanced] = useState(false);
  // Every error at once (issue 12): the form's own checks all run before the worker sees anything.
  const [errors, setErrors] = useState<FormErrorState[]>([]);
  const setError = (state: FormErrorState | null): void => setErrors(state ? [state] : []);
  const error = errors[0] ?? null;
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // Put focus where the user starts typing, and on the field an error is about: in the commit that shows
  // the form, so focus never moves away from a field the user already types in.
  useLayoutEffect(() => {
    const id = error?.field ? `add-${error.field}` : mode === 'uri' ? 'add-uri' : 'add-issuer';
    form.current?.querySelector<HTMLElement>(`#${id}`)?.focus();
  }, [mode, error]);

  /** What the form can tell without the worker: empty or malformed fields, all of them. */
  const localErrors = (): FormErrorState[] => {
    if (mode !== 'manual') return [];
    const fields = ['issuer', 'name', 'secret', ...ADVANCED_FIELDS];
    const codes: ErrorCode[] = [];
    if (name.trim() === '') codes.push('name_missing');
    const key = canonicalSecret(secret);
    if (key === '') codes.push('secret_missing');
    else if (!/^[A-Z2-7]+$/.test(key)) codes.push('secret_not_base32');
    if (kind !== 'steam' && Number.isNaN(whole(digits))) codes.push('digits_invalid');
    if (kind === 'totp' && Number.isNaN(whole(period))) codes.push('period_invalid');
    if (kind === 'hotp' && Number.isNaN(whole(counter))) codes.push('counter_invalid');
    return codes.map((code) => formError(new TwostepError(code), fields));
  };

  const fail = (err: unknown): void => {
    const state = formError(err, mode === 'uri' ? ['uri'] : ['issuer', 'name', 'secret', ...ADVANCED_FIELDS]);
    if (state.field && ADVANCED_FIELDS.includes(state.field)) setAdvanced(true);
    setError(state);
    onError(err);
  };

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const found = localErrors();
    setErrors(found);
    if (found.some((f) => f.field !== null && ADVANCED_FIELDS.includes(f.field))) setAdvanced(true);
    if (found.length > 0) return;
    setBusy(true);
    try {
      // A transfer link holds a batch of accounts; the worker parses it (its reader stays out of the popup).
      const added =
        mode === 'manual'
          ? [await call('accounts.add', { input: manualInput() })]
          : /otpauth-migration:\/\//i.test(uri)
            ? (await call('accounts.addMigration', { uri: uri.trim() })).added
            : [await call('accounts.addUri', { uri: uri.trim(), site: null })];
      onAdded(added);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  /** The form as an AccountInput; numbers that are not whole numbers fail here, before any message. */
  const manualInput = (): AccountInput => {
    const steam = kind === 'steam';
    const input: AccountInput = {
      kind,
      issuer: issuer.trim(),
      name: name.trim(),
      secret: canonicalSecret(secret),
      algorithm: steam ? STEAM.algorithm : algorithm,
      digits: steam ? STEAM.digits : whole(digits),
      period: steam ? STEAM.period : kind === 'hotp' ? 30 : whole(period),
      counter: kind === 'hotp' ? whole(counter) : 0,
      sites: [],
    };
    if (Number.isNaN(input.digits)) throw new TwostepError('digits_invalid');
    if (Number.isNaN(input.period)) throw new TwostepError('period_invalid');
    if (Number.isNaN(input.counter)) throw new TwostepError('counter_invalid');
    return input;
  };

  const err = (field: string): string | null => errors.find((e) => e.field === field)?.message ?? null;
  const text = (id: string, value: string, set: (v: string) => void, extra: InputHTMLAttributes = {}) => (
    <input
      id={`add-${id}`}
      data-testid={`add-${id}`}
      type="text"
      value={value}
      onInput={(e) => set(e.currentTarget.value)}
      autocomplete="off"
      spellcheck={false}
      {...describedBy(`add-${id}`, err(id))}
      {...extra}
    />
  );

  return (
    <form ref={form} class="form" data-testid="add-form" onSubmit={(e) => void submit(e)} noValidate>
      <div class="segmented" role="group" aria-label={t('add_method')}>
        <button type="button" aria-pressed={mode === 'manual'} data-testid="mode-manual" onClick={() => (setMode('manual'), setError(null))}>
          {t('mode_manual')}
        </button>
        <button type="button" aria-pressed={mode === 'uri'} data-testid="mode-uri" onClick={() => (setMode('uri'), setError(null))}>
          {t('mode_uri')}
        </button>
      </div>

      {mode === 'uri' ? (
        <Field id="add-uri" label={t('field_uri')} error={err('uri')} hint={t('field_uri_hint')} required>
          <textarea
            id="add-uri"
            data-testid="add-uri"
            rows={4}
            value={uri}
            placeholder="otpauth://totp/…"
            spellcheck={false}
            autocomplete="off"
            aria-required
            onInput={(e) => setUri(e.currentTarget.value)}
            {...describedBy('add-uri', err('uri'), t('field_uri_hint'))}
          />
        </Field>
      ) : (
        <>
          <Field id="add-issuer" label={t('field_issuer')} error={err('issuer')}>
            {text('issuer', issuer, setIssuer, { placeholder: t('field_issuer_placeholder'), maxLength: LIMITS.maxTextLength })}
          </Field>
          <Field id="add-name" label={t('field_name')} error={err('name')} required>
            {text('name', name, setName, { placeholder: t('field_name_placeholder'), maxLength: LIMITS.maxTextLength, 'aria-required': true })}
          </Field>
          <Field id="add-secret" label={t('field_secret')} error={err('secret')} hint={t('field_secret_hint')} required>
            {text('secret', secret, setSecret, {
              class: 'mono',
              'aria-required': true,
              placeholder: 'JBSW Y3DP EHPK 3PXP',
              ...describedBy('add-secret', err('secret'), t('field_secret_hint')),
            })}
          </Field>
          <details open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
            <summary data-testid="advanced">{t('advanced')}</summary>
            <div class="advanced">
              <CodeFields
                prefix="add"
                values={{ kind, algorithm, digits, period, counter }}
                set={{ kind: setKind, algorithm: setAlgorithm, digits: setDigits, period: setPeriod, counter: setCounter }}
                err={err}
              />
            </div>
          </details>
        </>
      )}

      <FormError message={errors.find((e) => e.field === null)?.message ?? null} />
      <div class="actions">
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="button primary" data-testid="add-submit" disabled={busy}>
          {t('add')}
        </button>
      </div>
    </form>
  );
}
