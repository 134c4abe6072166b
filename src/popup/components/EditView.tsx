import type { TargetedSubmitEvent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LIMITS, type HashAlgorithm, type OtpKind } from '../../core/account';
import { TwostepError } from '../../core/errors';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import type { AccountPatch, AccountView } from '../../shared/protocol';
import { errorFor, formError, type FormErrorState } from '../errors';
import { accountLabel } from '../format';
import { describedBy, Field, FormError } from './Field';
import { DetailsFields } from './DetailsFields';
import { SecretPanel } from './SecretPanel';

interface Props {
  account: AccountView;
  onSaved: (account: AccountView) => void;
  onDeleted: (id: string) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
}

/**
 * "a.com, b.com" or one per line → ["a.com", "b.com"]; the background checks each is a registrable domain.
 * Spaces do not separate: "not a domain" is one wrong entry, not three sites (issue 12).
 */
function parseSites(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

/** Edits issuer, name and sites; shows the secret only when asked; deletes after a confirmation. */
export function EditView({ account, onSaved, onDeleted, onCancel, onError }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [sites, setSites] = useState(account.sites.join(', '));
  // Kind and parameters: shown always, changed only after "I know what I am doing" (imports get them wrong).
  const [unlockDetails, setUnlockDetails] = useState(false);
  const [kind, setKind] = useState<OtpKind>(account.kind);
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>(account.algorithm);
  const [digits, setDigits] = useState(String(account.digits));
  const [period, setPeriod] = useState(String(account.period));
  const [error, setError] = useState<FormErrorState | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const cancelDelete = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  // In the commit that shows the form, not after its first paint: focus moving late would carry what
  // a quick user (or a test) already types into another field.
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>(`#edit-${error?.field ?? 'issuer'}`)?.focus();
  }, [error]);

  const save = async (e: TargetedSubmitEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      const patch: AccountPatch = { issuer: issuer.trim(), name: name.trim(), sites: parseSites(sites) };
      if (unlockDetails) Object.assign(patch, { kind, algorithm, digits: Number(digits), period: Number(period) });
      onSaved(await call('accounts.update', { id: account.id, patch }));
    } catch (err) {
      const state = formError(err, ['issuer', 'name', 'sites', 'digits', 'period', 'algorithm']);
      // The worker names the entry that is not a website's domain: say which one.
      if (state.code === 'site_invalid' && err instanceof TwostepError && err.detail && err.detail !== 'too_many') {
        state.message = t('error_site_entry', err.detail);
      }
      setError(state);
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await call('accounts.remove', { id: account.id });
      onDeleted(account.id);
    } catch (err) {
      setDeleteError(translateError(err));
      onError(err);
      setBusy(false);
    }
  };

  const openConfirm = (): void => {
    setDeleteError(null);
    setConfirming(true);
    requestAnimationFrame(() => cancelDelete.current?.focus());
  };
  const closeConfirm = (): void => {
    setConfirming(false);
    requestAnimationFrame(() => deleteButton.current?.focus());
  };

  const err = (field: string): string | null => errorFor(error, field);
  return (
    <form ref={form} class="form" data-testid="edit-form" onSubmit={(e) => void save(e)} noValidate>
      <Field id="edit-issuer" label={t('field_issuer')} error={err('issuer')}>
        <input
          id="edit-issuer"
          data-testid="edit-issuer"
          value={issuer}
          maxLength={LIMITS.maxTextLength}
          autocomplete="off"
          onInput={(e) => setIssuer(e.currentTarget.value)}
          {...describedBy('edit-issuer', err('issuer'))}
        />
      </Field>
      <Field id="edit-name" label={t('field_name')} error={err('name')}>
        <input
          id="edit-name"
          data-testid="edit-name"
          value={name}
          maxLength={LIMITS.maxTextLength}
          autocomplete="off"
          onInput={(e) => setName(e.currentTarget.value)}
          {...describedBy('edit-name', err('name'))}
        />
      </Field>
      <Field id="edit-sites" label={t('field_sites')} error={err('sites')} hint={t('field_sites_hint')}>
        <input
          id="edit-sites"
          data-testid="edit-sites"
          value={sites}
          placeholder="github.com"
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => setSites(e.currentTarget.value)}
          {...describedBy('edit-sites', err('sites'), t('field_sites_hint'))}
        />
      </Field>
      <DetailsFields
        account={account}
        unlocked={unlockDetails}
        onUnlock={setUnlockDetails}
        values={{ kind, algorithm, digits, period }}
        set={{ kind: setKind, algorithm: setAlgorithm, digits: setDigits, period: setPeriod }}
        err={err}
      />
      <FormError message={errorFor(error, null)} />
      <div class="actions">
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="button primary" data-testid="edit-save" disabled={busy}>
          {t('save')}
        </button>
      </div>

      <SecretPanel id={account.id} label={accountLabel(account)} onError={onError} />

      <section class="danger-zone">
        {confirming ? (
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="delete-confirm">
            <p id="confirm-text">{t('delete_confirm', accountLabel(account))}</p>
            <FormError message={deleteError} />
            <div class="actions">
              <button type="button" class="button" ref={cancelDelete} data-testid="delete-cancel" onClick={closeConfirm}>
                {t('cancel')}
              </button>
              <button type="button" class="button danger" data-testid="delete-confirm-button" disabled={busy} onClick={() => void remove()}>
                {t('delete')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="button danger-outline" ref={deleteButton} data-testid="delete-button" onClick={openConfirm}>
            {t('delete_account')}
          </button>
        )}
      </section>
    </form>
  );
}
