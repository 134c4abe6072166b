import { useEffect, useRef } from 'preact/hooks';
import type { SecretKind } from '../../core/pin-policy';
import { t } from '../../shared/i18n';
import { useClock } from '../hooks/useClock';
import { blocks, KIND_TEXT, pinFailureText, type PinFailure } from '../pin-text';
import { describedBy, Field } from './Field';
import { ShowSecret } from './ShowSecret';

interface Props {
  kind: SecretKind;
  /** The last wrong try or the wait the background reported; counts down on the popup's clock. */
  failure: PinFailure | null;
  busy: boolean;
  /** The submit button's text: what the PIN unlocks ("Show secret key" unless told). */
  submitLabel?: string;
  onSubmit: (secret: string) => void;
  onCancel: () => void;
}

/**
 * Asks for the PIN or passphrase again before the secret is shown. This sits inside the edit form, so
 * it is not a form of its own: Enter is handled here and never saves the account. The secret lives
 * only in the input and is emptied as soon as it is sent.
 */
export function SecretPrompt({ kind, failure, busy, submitLabel, onSubmit, onCancel }: Props) {
  const now = useClock();
  const input = useRef<HTMLInputElement>(null);
  const text = KIND_TEXT[kind];
  const blocked = blocks(failure, now);
  const message = failure ? pinFailureText(failure, kind, now) : null;

  useEffect(() => {
    if (!busy && !blocked) input.current?.focus();
  }, [busy, blocked, failure]);

  const submit = (): void => {
    const el = input.current;
    if (!el || busy || blocked || el.value === '') return;
    const secret = el.value;
    el.value = '';
    onSubmit(secret);
  };

  return (
    <div class="secret-prompt" data-testid="reveal-prompt" data-kind={kind}>
      <Field id="reveal-pin" label={t(text.reveal)} error={message}>
        <input
          ref={input}
          id="reveal-pin"
          data-testid="reveal-pin"
          type="password"
          inputMode={kind === 'pin' ? 'numeric' : undefined}
          autocomplete={kind === 'pin' ? 'off' : 'current-password'}
          spellcheck={false}
          disabled={busy || blocked}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            submit();
          }}
          {...describedBy('reveal-pin', message)}
        />
      </Field>
      {kind === 'passphrase' ? <ShowSecret targets={[input]} testid="reveal-show" /> : null}
      <div class="actions">
        <button type="button" class="button" data-testid="reveal-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="button primary" data-testid="reveal-submit" disabled={busy || blocked} onClick={submit}>
          {submitLabel ?? t('show_secret')}
        </button>
      </div>
    </div>
  );
}
