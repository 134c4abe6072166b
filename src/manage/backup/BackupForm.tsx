import { useEffect, useRef, useState } from 'preact/hooks';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { errorCodeOf, plural, t, translateError } from '../../shared/i18n';
import { describedBy, Field, FormError } from '../../popup/components/Field';
import { ShowSecret } from '../../popup/components/ShowSecret';
import { useClock } from '../../popup/hooks/useClock';
import { blocks, KIND_TEXT, pinFailureOf, pinFailureText, type PinFailure } from '../../popup/pin-text';
import { downloadText } from './download';
import { StrengthMeter } from './StrengthMeter';
import { MIN_SCORE, strengthChecker, type Strength } from './strength';

/**
 * "Download an encrypted backup": a password of its own (not the PIN), typed twice, judged by zxcvbn
 * and refused below its top score; with a PIN or passphrase set, that too, because a backup holds
 * every secret. The worker seals; the page only hands the file to the browser's download.
 */
export function BackupForm() {
  const now = useClock();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [strength, setStrength] = useState<Strength | null>(null);
  const [protection, setProtection] = useState<SecretKind | null>(null);
  const [pin, setPin] = useState('');
  const pinInput = useRef<HTMLInputElement>(null);
  const [pinFailure, setPinFailure] = useState<PinFailure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ count: number; name: string } | null>(null);

  useEffect(() => {
    call('vault.state', null).then((state) => setProtection(state.protection), () => undefined);
    // Start loading the dictionaries now, so the meter is ready by the first key press.
    void strengthChecker();
  }, []);
  useEffect(() => {
    let live = true;
    if (password === '') setStrength(null);
    else void strengthChecker().then((check) => live && setStrength(check(password)));
    return () => {
      live = false;
    };
  }, [password]);

  const mismatch = confirm !== '' && confirm !== password;
  const pinBlocked = blocks(pinFailure, now);

  const submit = async (): Promise<void> => {
    setError(null);
    setDone(null);
    const judged = (await strengthChecker())(password);
    if (judged.score < MIN_SCORE) return setError(t('error_backup_password_weak'));
    if (confirm !== password) return setError(t('backup_confirm_mismatch'));
    if (protection !== null && pin === '') return setPinFailure({ code: 'pin_needed', failures: 0, retryAt: null, seenAt: Date.now() });
    setBusy(true);
    try {
      const result = await call('backup.create', { password, secret: protection === null ? null : pin });
      downloadText(result.file, result.name);
      setDone({ count: result.count, name: result.name });
      setPassword('');
      setConfirm('');
      setPin('');
      setPinFailure(null);
    } catch (err) {
      const code = errorCodeOf(err);
      if (code === 'pin_wrong' || code === 'pin_throttled') {
        setPin('');
        setPinFailure(pinFailureOf(err));
      } else if (code === 'pin_needed') {
        // A PIN was set since the page looked: ask for it.
        const state = await call('vault.state', null).catch(() => null);
        setProtection(state?.protection ?? 'pin');
        setPinFailure(pinFailureOf(err));
      } else setError(translateError(err));
    } finally {
      setBusy(false);
    }
  };

  const pinMessage = pinFailure && protection ? pinFailureText(pinFailure, protection, now) : null;
  return (
    <form
      class="backup-form"
      data-testid="backup-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Field id="backup-password" label={t('backup_password')} hint={t('backup_password_hint')}>
        <div class="password-row">
          <PasswordInput id="backup-password" show={show} value={password} onInput={setPassword} extra={describedBy('backup-password', null, t('backup_password_hint'))} />
          <button type="button" class="button" data-testid="backup-show" aria-pressed={show} onClick={() => setShow(!show)}>
            {show ? t('backup_hide_password') : t('backup_show_password')}
          </button>
        </div>
      </Field>
      <StrengthMeter strength={strength} />
      <Field id="backup-confirm" label={t('backup_confirm')} error={mismatch ? t('backup_confirm_mismatch') : null}>
        <PasswordInput id="backup-confirm" show={show} value={confirm} onInput={setConfirm} extra={describedBy('backup-confirm', mismatch ? t('backup_confirm_mismatch') : null)} />
      </Field>
      {protection !== null ? (
        <Field id="backup-pin" label={t(KIND_TEXT[protection].field)} hint={t('backup_pin_hint')} error={pinMessage}>
          <input
            id="backup-pin"
            ref={pinInput}
            data-testid="backup-pin"
            type="password"
            inputMode={protection === 'pin' ? 'numeric' : undefined}
            autocomplete="off"
            disabled={pinBlocked}
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
            {...describedBy('backup-pin', pinMessage, t('backup_pin_hint'))}
          />
        </Field>
      ) : null}
      {protection === 'passphrase' ? <ShowSecret targets={[pinInput]} testid="backup-pin-show" /> : null}
      <FormError message={error} />
      <button type="submit" class="button primary" data-testid="backup-submit" disabled={busy || pinBlocked} aria-busy={busy}>
        {busy ? t('backup_working') : t('backup_download')}
      </button>
      {done ? (
        <p class="backup-done" data-testid="backup-done" role="status">
          {plural('backup_done', done.count, [done.name])}
        </p>
      ) : null}
    </form>
  );
}

/** The new-password field, shown as text while "Show" is pressed (preact types each input `type` apart). */
function PasswordInput({ id, show, value, onInput, extra }: { id: string; show: boolean; value: string; onInput: (value: string) => void; extra: Record<string, string> }) {
  const props = { id, 'data-testid': id, autocomplete: 'new-password', spellcheck: false, value, onInput: (e: { currentTarget: HTMLInputElement }) => onInput(e.currentTarget.value), ...extra };
  return show ? <input type="text" {...props} /> : <input type="password" {...props} />;
}
