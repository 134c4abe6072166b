/**
 * What became of each file: still reading, read (with its format and the entries it could not take,
 * each with its reason), failed with a reason, or waiting for its password.
 */
import { useRef, useState } from 'preact/hooks';
import { plural, t, translateError } from '../../shared/i18n';
import type { Source } from './read';

interface Props {
  sources: readonly Source[];
  onPassword: (id: string, password: string) => Promise<void>;
  onRemove: (id: string) => void;
}

export function SourceList({ sources, onPassword, onRemove }: Props) {
  if (sources.length === 0) return null;
  return (
    <ul class="import-source-list" data-testid="import-sources">
      {sources.map((source) => (
        <li key={source.id} class={`import-source ${source.status}`} data-testid="import-source" data-status={source.status}>
          <div class="import-source-head">
            <span class="import-source-name">{source.name}</span>
            <span class="import-source-status" data-testid="import-source-status">
              {statusText(source)}
            </span>
            {source.status !== 'reading' ? (
              <button type="button" class="button small" data-testid="import-source-remove" onClick={() => onRemove(source.id)}>
                {t('manage_import_remove')}
              </button>
            ) : null}
          </div>
          {source.status === 'failed' ? (
            <p class="error" role="alert" data-testid="import-source-error">
              {/* The scan's own message talks about the screen; for an image file, say so about the image. */}
              {source.reason === 'qr_not_found' ? t('manage_import_qr_none') : t(`error_${source.reason}`)}
            </p>
          ) : null}
          {source.status === 'password' ? <PasswordPrompt source={source} onPassword={onPassword} /> : null}
          {source.status === 'read' && source.result.skipped.length > 0 ? (
            <div class="import-skipped">
              <p>{plural('manage_import_skipped', source.result.skipped.length)}</p>
              <ul data-testid="import-skipped">
                {source.result.skipped.map((entry, i) => (
                  <li key={i} data-testid="import-skipped-entry">
                    <span class="import-skipped-label">{entry.label}</span> — {translateError({ code: entry.reason, detail: entry.algorithm })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function statusText(source: Source): string {
  switch (source.status) {
    case 'reading':
      return t('manage_import_reading');
    case 'password':
      return t('manage_import_encrypted');
    case 'failed':
      return t('manage_import_failed');
    case 'read':
      return plural('manage_import_found', source.result.accounts.length);
  }
}

/**
 * The file's own password field. The password stays in the input element until it is used and is
 * emptied right after, as the unlock field does: no component state holds it.
 */
function PasswordPrompt({ source, onPassword }: { source: Extract<Source, { status: 'password' }>; onPassword: Props['onPassword'] }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const id = `import-password-${source.id}`;
  return (
    <form
      class="field import-password"
      onSubmit={(e) => {
        e.preventDefault();
        const field = input.current;
        if (!field || field.value === '' || busy) return;
        const password = field.value;
        setBusy(true);
        void onPassword(source.id, password).finally(() => {
          field.value = '';
          setBusy(false);
          field.focus();
        });
      }}
    >
      <label for={id}>{t('manage_import_password', source.name)}</label>
      <div class="inline">
        <input
          ref={input}
          id={id}
          data-testid="import-password"
          type="password"
          autocomplete="off"
          disabled={busy}
          aria-invalid={source.error ? 'true' : undefined}
          aria-describedby={source.error ? `${id}-error` : undefined}
        />
        <button type="submit" class="button primary" data-testid="import-password-submit" disabled={busy}>
          {busy ? t('manage_import_opening') : t('manage_import_open')}
        </button>
      </div>
      {source.error ? (
        <p class="error" id={`${id}-error`} role="alert" data-testid="import-password-error">
          {t(`error_${source.error}`)}
        </p>
      ) : null}
    </form>
  );
}
