import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import { FormError } from './Field';

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
 * dropped again when hidden or when the view closes.
 */
export function SecretPanel({ id, onError }: { id: string; onError: (err: unknown) => void }) {
  const [uri, setUri] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setUri((await call('accounts.reveal', { id })).uri);
    } catch (err) {
      setError(translateError(err));
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  if (uri === null) {
    return (
      <section class="secret-panel">
        <button type="button" class="button" data-testid="reveal-button" disabled={busy} onClick={() => void show()}>
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
