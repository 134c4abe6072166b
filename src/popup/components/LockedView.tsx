import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ShowSecret } from './ShowSecret';
import { call } from '../../shared/client';
import { t } from '../../shared/i18n';
import type { VaultState } from '../../shared/protocol';
import { blocks, KIND_TEXT, pinFailureOf, pinFailureText, type PinFailure } from '../pin-text';
import { BackspaceIcon, LockIcon } from './icons';

interface Props {
  vault: VaultState;
  now: number;
  /** Called with the unlocked state; the screen stays busy until the returned promise settles. */
  onUnlocked: (state: VaultState) => Promise<void>;
}

const MAX_PIN = 12;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A wait the background reported on open counts as a throttled try. */
const waitOf = (vault: VaultState): PinFailure | null =>
  vault.retryAt === null ? null : { code: 'pin_throttled', failures: vault.failures, retryAt: vault.retryAt, seenAt: Date.now() };

/**
 * The unlock screen: a PIN pad (also typed on the keyboard) or a passphrase field. The PIN lives only
 * in the input element until it is sent, and the field is emptied as soon as it is: no component
 * state ever holds it.
 */
export function LockedView({ vault, now, onUnlocked }: Props) {
  const kind = vault.protection ?? 'pin';
  const text = KIND_TEXT[kind];
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PinFailure | null>(() => waitOf(vault));
  const blocked = blocks(failure, now);
  const disabled = busy || blocked;

  useEffect(() => {
    const wait = waitOf(vault);
    if (wait) setFailure(wait);
  }, [vault]);

  useEffect(() => {
    if (!disabled) input.current?.focus();
  }, [disabled]);

  const submit = async (): Promise<void> => {
    const el = input.current;
    if (!el || disabled) return;
    const secret = el.value;
    el.value = '';
    if (secret === '') return;
    setBusy(true);
    setFailure(null);
    try {
      await onUnlocked(await call('vault.unlock', { secret }));
    } catch (err) {
      setFailure(pinFailureOf(err));
    } finally {
      setBusy(false);
    }
  };

  const press = (key: string): void => {
    const el = input.current;
    if (!el || disabled) return;
    if (key === 'Backspace') el.value = el.value.slice(0, -1);
    else if (el.value.length < MAX_PIN) el.value += key;
    el.focus();
  };

  // Digits typed while something else has focus still go to the PIN.
  useEffect(() => {
    if (kind !== 'pin') return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.target === input.current || e.altKey || e.ctrlKey || e.metaKey) return;
      if (/^[0-9]$/.test(e.key) || e.key === 'Backspace') {
        e.preventDefault();
        press(e.key);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const message = failure ? pinFailureText(failure, kind, now) : null;
  // Keeps focus in the field when a pad key is clicked, so typing goes on where it was.
  const keepFocus = (e: MouseEvent): void => e.preventDefault();

  return (
    <form
      class="unlock"
      data-testid="locked-view"
      data-kind={kind}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <LockIcon />
      <h2>{t('locked_title')}</h2>
      <label for="unlock-input">{t(text.prompt)}</label>
      <input
        ref={input}
        id="unlock-input"
        class={kind === 'pin' ? 'pin-dots' : undefined}
        data-testid="unlock-input"
        type="password"
        inputMode={kind === 'pin' ? 'numeric' : undefined}
        maxLength={kind === 'pin' ? MAX_PIN : undefined}
        autocomplete={kind === 'pin' ? 'off' : 'current-password'}
        spellcheck={false}
        disabled={disabled}
        aria-describedby="unlock-message"
        onInput={kind === 'pin' ? (e) => (e.currentTarget.value = e.currentTarget.value.replace(/\D/g, '').slice(0, MAX_PIN)) : undefined}
      />
      {kind === 'passphrase' ? <ShowSecret targets={[input]} testid="unlock-show" /> : null}
      <div class="unlock-status">
        {busy ? (
          <p class="unlocking" role="status" data-testid="unlocking">
            <span class="spinner" aria-hidden="true" />
            {t('unlocking')}
          </p>
        ) : (
          <p id="unlock-message" class={blocked ? 'unlock-message wait' : 'unlock-message'} data-testid="unlock-message" role="alert">
            {message}
          </p>
        )}
      </div>
      {kind === 'pin' ? (
        <div class="pad" role="group" aria-label={t(text.field)}>
          {DIGITS.map((d) => (
            <button key={d} type="button" data-testid={`pin-key-${d}`} disabled={disabled} onMouseDown={keepFocus} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" data-testid="pin-backspace" aria-label={t('pin_backspace')} title={t('pin_backspace')} disabled={disabled} onMouseDown={keepFocus} onClick={() => press('Backspace')}>
            <BackspaceIcon />
          </button>
          <button type="button" data-testid="pin-key-0" disabled={disabled} onMouseDown={keepFocus} onClick={() => press('0')}>
            0
          </button>
          <button type="submit" class="ok" data-testid="unlock-submit" disabled={disabled} onMouseDown={keepFocus}>
            {t('pin_ok')}
          </button>
        </div>
      ) : (
        <button type="submit" class="button primary wide" data-testid="unlock-submit" disabled={disabled}>
          {t('unlock')}
        </button>
      )}
      {/* What forgetting means, said before it happens (issue 12): no reset exists, only a backup. */}
      <details class="forgot" data-testid="forgot">
        <summary data-testid="forgot-summary">{t(kind === 'pin' ? 'forgot_pin' : 'forgot_passphrase')}</summary>
        <p data-testid="forgot-text">{t('forgot_text')}</p>
        <a href={browser.runtime.getURL('src/manage/index.html#backup')} target="_blank" rel="noopener" data-testid="forgot-link">
          {t('forgot_link')}
        </a>
      </details>
    </form>
  );
}
