import { useEffect, useState } from 'preact/hooks';
import { TwostepError } from '../../core/errors';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { errorCodeOf, t, translateError } from '../../shared/i18n';
import type { VaultState } from '../../shared/protocol';
import { onVaultLocked } from '../../shared/vault-events';
import { pinFailureOf, type PinFailure } from '../pin-text';
import { FormError } from './Field';
import { QrCode } from './QrCode';
import { SecretPrompt } from './SecretPrompt';

/** What the user asked to see: the secret and link as text, or the link as a QR code for a phone. */
type Showing = 'secret' | 'qr';

/** With a PIN set, the prompt is open: for which kind, and the last wrong try or current wait. */
interface Asking {
  kind: SecretKind;
  showing: Showing;
  failure: PinFailure | null;
}

/** A wait the background already reports shows at once, as on the unlock screen. */
const askingFor = (state: VaultState, kind: SecretKind, showing: Showing): Asking => ({
  kind,
  showing,
  failure: state.retryAt === null ? null : { code: 'pin_throttled', failures: state.failures, retryAt: state.retryAt, seenAt: Date.now() },
});

/** The secret from an otpauth:// URI, in groups of four for reading; the whole URI when it has none. */
function secretOf(uri: string): string | null {
  try {
    const secret = new URL(uri).searchParams.get('secret');
    return secret ? secret.replace(/(.{4})(?!$)/g, '$1 ') : null;
  } catch {
    return null;
  }
}

/**
 * The only place the popup ever holds a secret: fetched with `accounts.reveal` on an explicit click
 * ("Show secret key" or "Show QR code"), dropped again when hidden, when the view closes or when the
 * vault locks. With a PIN or passphrase set, it is asked for first (the background checks it, and a
 * wrong one counts toward the unlock wait).
 */
export function SecretPanel({ id, label, onError }: { id: string; label: string; onError: (err: unknown) => void }) {
  const [uri, setUri] = useState<string | null>(null);
  const [showing, setShowing] = useState<Showing>('secret');
  const [asking, setAsking] = useState<Asking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Locked while shown (idle time, screen lock): the secret goes, and the popup shows its lock screen.
  useEffect(
    () =>
      onVaultLocked(() => {
        setUri(null);
        setAsking(null);
        onError(new TwostepError('vault_locked'));
      }),
    [],
  );

  const fail = (err: unknown): void => {
    setAsking(null);
    setError(translateError(err));
    onError(err);
  };

  const reveal = async (secret: string | null, kind: SecretKind | null, what: Showing): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setUri((await call('accounts.reveal', { id, secret })).uri);
      setShowing(what);
      setAsking(null);
    } catch (err) {
      const code = errorCodeOf(err);
      if (kind && (code === 'pin_wrong' || code === 'pin_throttled')) setAsking({ kind, showing: what, failure: pinFailureOf(err) });
      // A PIN was set between our look and the request: look again, once.
      else if (code === 'pin_needed' && kind === null) await start(what, true);
      else fail(err);
    } finally {
      setBusy(false);
    }
  };

  /** How the vault is protected now, not when the popup opened: ask for the PIN first, or reveal. */
  const start = async (what: Showing, again = false): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const state = await call('vault.state', null);
      if (state.protection !== null) setAsking(askingFor(state, state.protection, what));
      else if (!again) await reveal(null, null, what);
      else fail({ code: 'pin_needed' });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (uri === null && asking) {
    return (
      <section class="secret-panel">
        <SecretPrompt
          kind={asking.kind}
          failure={asking.failure}
          busy={busy}
          submitLabel={t(asking.showing === 'qr' ? 'show_qr' : 'show_secret')}
          onSubmit={(secret) => void reveal(secret, asking.kind, asking.showing)}
          onCancel={() => setAsking(null)}
        />
      </section>
    );
  }
  if (uri === null) {
    return (
      <section class="secret-panel">
        <div class="actions start">
          <button type="button" class="button" data-testid="reveal-button" disabled={busy} onClick={() => void start('secret')}>
            {t('show_secret')}
          </button>
          <button type="button" class="button" data-testid="qr-button" disabled={busy} onClick={() => void start('qr')}>
            {t('show_qr')}
          </button>
        </div>
        <FormError message={error} />
      </section>
    );
  }
  if (showing === 'qr') {
    return (
      <section class="secret-panel revealed" data-testid="qr-panel">
        <p class="warning">{t('qr_warning')}</p>
        <QrCode text={uri} label={t('qr_label', label)} size={240} testId="account-qr" />
        <button type="button" class="button" data-testid="hide-qr-button" onClick={() => setUri(null)}>
          {t('hide_qr')}
        </button>
      </section>
    );
  }
  const secret = secretOf(uri);
  return (
    <section class="secret-panel revealed" data-testid="secret-panel">
      <p class="warning">{t('secret_warning')}</p>
      {secret ? (
        <>
          <label for="reveal-secret">{t('field_secret')}</label>
          <output id="reveal-secret" class="mono secret" data-testid="revealed-secret">
            {secret}
          </output>
        </>
      ) : null}
      <label for="reveal-uri">{t('field_uri')}</label>
      <textarea id="reveal-uri" class="mono" data-testid="revealed-uri" rows={3} readOnly value={uri} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" class="button" data-testid="hide-secret-button" onClick={() => setUri(null)}>
        {t('hide_secret')}
      </button>
    </section>
  );
}
