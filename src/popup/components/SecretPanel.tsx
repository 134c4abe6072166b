import { useState } from 'preact/hooks';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { errorCodeOf, t, translateError } from '../../shared/i18n';
import type { VaultState } from '../../shared/protocol';
import { pinFailureOf, type PinFailure } from '../pin-text';
import { FormError } from './Field';
import { SecretPrompt } from './SecretPrompt';

/** With a PIN set, the prompt is open: for which kind, and the last wrong try or current wait. */
interface Asking {
  kind: SecretKind;
  failure: PinFailure | null;
}

/** A wait the background already reports shows at once, as on the unlock screen. */
const askingFor = (state: VaultState, kind: SecretKind): Asking => ({
  kind,
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
 * The only place the popup ever holds a secret: fetched with `accounts.reveal` on an explicit click,
 * dropped again when hidden or when the view closes. With a PIN or passphrase set, it is asked for
 * first (the background checks it, and a wrong one counts toward the unlock wait).
 */
export function SecretPanel({ id, onError }: { id: string; onError: (err: unknown) => void }) {
  const [uri, setUri] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown): void => {
    setAsking(null);
    setError(translateError(err));
    onError(err);
  };

  const reveal = async (secret: string | null, kind: SecretKind | null): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setUri((await call('accounts.reveal', { id, secret })).uri);
      setAsking(null);
    } catch (err) {
      const code = errorCodeOf(err);
      if (kind && (code === 'pin_wrong' || code === 'pin_throttled')) setAsking({ kind, failure: pinFailureOf(err) });
      // A PIN was set between our look and the request: look again, once.
      else if (code === 'pin_needed' && kind === null) await start(true);
      else fail(err);
    } finally {
      setBusy(false);
    }
  };

  /** How the vault is protected now, not when the popup opened: ask for the PIN first, or reveal. */
  const start = async (again = false): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const state = await call('vault.state', null);
      if (state.protection !== null) setAsking(askingFor(state, state.protection));
      else if (!again) await reveal(null, null);
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
          onSubmit={(secret) => void reveal(secret, asking.kind)}
          onCancel={() => setAsking(null)}
        />
      </section>
    );
  }
  if (uri === null) {
    return (
      <section class="secret-panel">
        <button type="button" class="button" data-testid="reveal-button" disabled={busy} onClick={() => void start()}>
          {t('show_secret')}
        </button>
        <FormError message={error} />
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
