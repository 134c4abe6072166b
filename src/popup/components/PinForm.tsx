import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { checkNewSecret, isWeakPin, type SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { errorCodeOf, t, translateError } from '../../shared/i18n';
import type { VaultState } from '../../shared/protocol';
import { blocks, KIND_TEXT, pinFailureOf, pinFailureText, type PinFailure } from '../pin-text';
import { describedBy, Field, FormError } from './Field';
import { ShowSecret } from './ShowSecret';

export type PinMode = 'set' | 'change' | 'remove';

interface Props {
  mode: PinMode;
  /** The kind set now; null when the vault has no PIN. */
  protection: SecretKind | null;
  now: number;
  onDone: (state: VaultState, mode: PinMode) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
}

type Problem = { field: 'current'; failure: PinFailure } | { field: 'next' | 'confirm' | null; message: string };

/** Shared props of a secret field: masked, never remembered by the browser, digits on a phone keypad for a PIN. */
function secretInput(kind: SecretKind, fresh: boolean) {
  return {
    type: 'password' as const,
    inputMode: kind === 'pin' ? ('numeric' as const) : undefined,
    autocomplete: fresh ? 'new-password' : kind === 'pin' ? 'off' : 'current-password',
    spellcheck: false,
  };
}

/**
 * Set, change or remove the PIN or passphrase. Fields are uncontrolled: the secrets stay in the inputs
 * and are cleared as soon as the request has been answered.
 */
export function PinForm({ mode, protection, now, onDone, onCancel, onError }: Props) {
  const [kind, setKind] = useState<SecretKind>(protection ?? 'pin');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Only whether the new PIN is an obvious one is kept, never the PIN itself.
  const [weak, setWeak] = useState(false);
  const current = useRef<HTMLInputElement>(null);
  const next = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLInputElement>(null);
  const currentKind = protection ?? 'pin';
  const asks = { current: mode !== 'set', next: mode !== 'remove' };

  // At the commit that shows the form (see EditView): a late focus would move a user already typing.
  useLayoutEffect(() => (asks.current ? current : next).current?.focus(), []);

  const blocked = problem?.field === 'current' && blocks(problem.failure, now);
  const messageFor = (field: Problem['field']): string | null => {
    if (!problem || problem.field !== field) return null;
    return 'failure' in problem ? pinFailureText(problem.failure, currentKind, now) : problem.message;
  };

  const clear = (): void => {
    for (const el of [current.current, next.current, confirm.current]) if (el) el.value = '';
  };

  const submit = async (): Promise<void> => {
    const old = current.current?.value ?? '';
    const fresh = next.current?.value ?? '';
    if (asks.next) {
      try {
        checkNewSecret(fresh, kind);
      } catch (err) {
        setProblem({ field: 'next', message: translateError(err) });
        next.current?.focus();
        return;
      }
      if (fresh !== confirm.current?.value) {
        setProblem({ field: 'confirm', message: t('pin_mismatch') });
        if (confirm.current) confirm.current.value = '';
        confirm.current?.focus();
        return;
      }
    }
    setBusy(true);
    setProblem(null);
    try {
      const state =
        mode === 'remove'
          ? await call('vault.removePin', { current: old })
          : await call('vault.setPin', { next: fresh, kind, current: mode === 'set' ? null : old });
      clear();
      onDone(state, mode);
    } catch (err) {
      clear();
      const code = errorCodeOf(err);
      if (code === 'pin_wrong' || code === 'pin_throttled') {
        setProblem({ field: 'current', failure: pinFailureOf(err) });
        current.current?.focus();
      } else {
        setProblem({ field: code === 'pin_invalid' || code === 'passphrase_invalid' ? 'next' : null, message: translateError(err) });
        onError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const currentError = messageFor('current');
  const nextError = messageFor('next');
  const confirmError = messageFor('confirm');
  const text = KIND_TEXT[kind];
  return (
    <form
      class="pin-form"
      data-testid="pin-form"
      data-mode={mode}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {asks.current ? (
        <Field id="pin-current" label={t(KIND_TEXT[currentKind].current)} error={currentError}>
          <input ref={current} id="pin-current" data-testid="pin-current" {...secretInput(currentKind, false)} {...describedBy('pin-current', currentError)} />
        </Field>
      ) : null}
      {asks.current && currentKind === 'passphrase' ? <ShowSecret targets={[current]} testid="pin-current-show" /> : null}
      {asks.next ? (
        <>
          <div class="segmented" role="group" aria-label={t('pin_kind')}>
            {(['pin', 'passphrase'] as const).map((k) => (
              <button key={k} type="button" data-testid={`pin-kind-${k}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
                {t(KIND_TEXT[k].name)}
              </button>
            ))}
          </div>
          <Field id="pin-next" label={t(text.next)} error={nextError} hint={t(text.rule)}>
            <input
              ref={next}
              id="pin-next"
              data-testid="pin-next"
              {...secretInput(kind, true)}
              {...describedBy('pin-next', nextError, t(text.rule))}
              onInput={(e) => setWeak(kind === 'pin' && isWeakPin(e.currentTarget.value))}
            />
          </Field>
          {kind === 'passphrase' ? <ShowSecret targets={[next, confirm]} testid="pin-next-show" /> : null}
          {weak && kind === 'pin' ? (
            <p class="hint warn-text" data-testid="pin-weak" role="status">
              {t('pin_weak')}
            </p>
          ) : null}
          <Field id="pin-confirm" label={t(text.confirm)} error={confirmError}>
            <input ref={confirm} id="pin-confirm" data-testid="pin-confirm" {...secretInput(kind, true)} {...describedBy('pin-confirm', confirmError)} />
          </Field>
        </>
      ) : (
        <p class="warning">{t('pin_remove_warning')}</p>
      )}
      <FormError message={messageFor(null)} />
      <div class="actions">
        {busy ? (
          <span class="unlocking" role="status">
            <span class="spinner" aria-hidden="true" />
            {t('pin_saving')}
          </span>
        ) : null}
        <button type="button" class="button" data-testid="pin-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class={mode === 'remove' ? 'button danger' : 'button primary'} data-testid="pin-submit" disabled={busy || blocked}>
          {mode === 'remove' ? t(KIND_TEXT[currentKind].remove) : t('save')}
        </button>
      </div>
    </form>
  );
}
