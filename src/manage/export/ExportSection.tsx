/**
 * Export: "Move to a phone" (Google Authenticator transfer codes) and plain files (an otpauth:// list,
 * an Aegis JSON) for the accounts the user ticks. Secrets are fetched only once the user has asked
 * (and, with a PIN, entered it), kept in this view's memory while the codes are on screen, and
 * dropped when it closes or the vault locks.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AccountInput } from '../../core/account';
import type { SecretKind } from '../../core/pin-policy';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { FormError } from '../../popup/components/Field';
import { AccountPicker } from './AccountPicker';
import { ConfirmSecret } from './ConfirmSecret';
import { FileWarning, writeExport, type FileFormat } from './FileExport';
import { PhoneExport } from './PhoneExport';
import { useExportAccounts } from './useExportAccounts';

type Job = { kind: 'phone' } | { kind: 'file'; format: FileFormat };
type Step = { kind: 'choose' } | { kind: 'warn'; format: FileFormat } | { kind: 'secret'; job: Job; protection: SecretKind | null } | { kind: 'phone' };

export function ExportSection() {
  const [list, setList] = useState<AccountView[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [accounts, setAccounts] = useExportAccounts();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    call('accounts.list', null).then(
      (views) => {
        setList(views);
        setChosen(new Set(views.map((v) => v.id)));
      },
      (err: unknown) => setError(translateError(err)),
    );
  }, []);

  const back = (): void => {
    setAccounts(null);
    setStep({ kind: 'choose' });
  };
  /** Asks how the vault is protected now (a PIN may have been set since the page opened). */
  const start = async (job: Job): Promise<void> => {
    setError(null);
    setSaved(null);
    if (chosen.size === 0) {
      setError(t('export_none_chosen'));
      return;
    }
    try {
      const { protection } = await call('vault.state', null);
      setStep({ kind: 'secret', job, protection });
    } catch (err) {
      setError(translateError(err));
    }
  };
  const got = (job: Job, received: AccountInput[]): void => {
    if (job.kind === 'phone') {
      setAccounts(received);
      setStep({ kind: 'phone' });
      return;
    }
    // A file needs the secrets only while it is written: they are not kept.
    setSaved(t('export_file_saved', writeExport(job.format, received)));
    setStep({ kind: 'choose' });
  };

  const ids = (list ?? []).filter((a) => chosen.has(a.id)).map((a) => a.id);
  let body;
  if (step.kind === 'phone' && accounts !== null) body = <PhoneExport accounts={accounts} onDone={back} />;
  else if (step.kind === 'secret') {
    const { job, protection } = step;
    body = (
      <ConfirmSecret
        ids={ids}
        protection={protection}
        submitLabel={t('export_continue')}
        onAccounts={(received) => got(job, received)}
        onCancel={back}
      />
    );
  } else if (step.kind === 'warn') {
    const { format } = step;
    body = <FileWarning onCancel={back} onConfirm={() => void start({ kind: 'file', format })} />;
  } else {
    body = (
      <div class="export-jobs">
        <section class="export-job">
          <h3>{t('export_phone_title')}</h3>
          <p class="hint">{t('export_phone_hint')}</p>
          <button type="button" class="button primary" data-testid="export-phone-button" onClick={() => void start({ kind: 'phone' })}>
            {t('export_phone_button')}
          </button>
        </section>
        <section class="export-job">
          <h3>{t('export_file_title')}</h3>
          <p class="hint">{t('export_file_hint')}</p>
          <div class="actions start">
            <button type="button" class="button" data-testid="export-file-otpauth" onClick={() => setStep({ kind: 'warn', format: 'otpauth' })}>
              {t('export_file_otpauth')}
            </button>
            <button type="button" class="button" data-testid="export-file-aegis" onClick={() => setStep({ kind: 'warn', format: 'aegis' })}>
              {t('export_file_aegis')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <section aria-labelledby="section-title" class="export-section">
      <h2 id="section-title">{t('manage_export_title')}</h2>
      <p class="hint">{t('export_intro')}</p>
      {list !== null && list.length === 0 ? <p data-testid="export-empty">{t('export_empty')}</p> : null}
      {list !== null && list.length > 0 ? (
        <>
          <AccountPicker accounts={list} chosen={chosen} onChange={setChosen} disabled={step.kind !== 'choose'} />
          {body}
        </>
      ) : null}
      <FormError message={error} />
      {saved ? (
        <p class="ok" role="status" data-testid="export-saved">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
