import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { errorCodeOf, t, translateError } from '../shared/i18n';
import type { AccountView } from '../shared/protocol';
import { AddView } from './components/AddView';
import { EditView } from './components/EditView';
import { BackIcon } from './components/icons';
import { ListView } from './components/ListView';
import { SettingsView } from './components/SettingsView';
import { LoadFailed, LockedView } from './components/States';
import { sortAccounts } from './format';
import { useAccounts } from './hooks/useAccounts';
import { useClock } from './hooks/useClock';
import { useSettings } from './hooks/useSettings';

type View = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'settings' };

interface Toast {
  message: string;
  until: number;
  accountId: string | null;
}

const TOAST_MS = 1500;

export function App() {
  const now = useClock();
  const { accounts, status, refresh, upsert, drop, markLocked } = useAccounts(now);
  const { settings, loaded, update } = useSettings();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [query, setQuery] = useState('');
  const [toast, setToast] = useState<Toast | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [scrollToId, setScrollToId] = useState<string | null>(null);
  const sorted = useMemo(() => sortAccounts(accounts), [accounts]);
  const showing = status === 'ready' && loaded;
  useLayoutEffect(() => {
    // When the first codes are in the DOM, about to be painted (see 'twostep:list-received' in useAccounts).
    if (showing && performance.getEntriesByName('twostep:codes-shown').length === 0) performance.mark('twostep:codes-shown');
  }, [showing]);

  // Feedback fades on the popup's one clock (so it shows for 1.5–2.5 s), not on a timer of its own.
  const liveToast = toast && now < toast.until ? toast : null;
  const notify = (message: string, accountId: string | null = null): void =>
    setToast({ message, accountId, until: Date.now() + TOAST_MS });
  const onError = (err: unknown): void => {
    if (errorCodeOf(err) === 'vault_locked') markLocked();
  };
  const toList = (): void => setView({ kind: 'list' });

  const copy = (account: AccountView, code: string): void => {
    navigator.clipboard.writeText(code).then(
      () => notify(t('copied'), account.id),
      () => notify(t('copy_failed')),
    );
  };
  const hotpNext = (account: AccountView): void => {
    setBusyId(account.id);
    call('accounts.hotpNext', { id: account.id })
      .then(upsert, (err: unknown) => {
        onError(err);
        notify(translateError(err));
      })
      .finally(() => setBusyId(null));
  };

  let title = '';
  let body: JSX.Element | null = null;
  if (status === 'locked') body = <LockedView onRetry={() => void refresh()} />;
  else if (status === 'failed') body = <LoadFailed onRetry={() => void refresh()} />;
  else if (status === 'loading' || !loaded) body = null;
  else if (view.kind === 'add') {
    title = t('add_account');
    body = (
      <AddView
        onCancel={toList}
        onError={onError}
        onAdded={(account) => {
          upsert(account);
          setQuery('');
          setScrollToId(account.id);
          notify(t('added'), account.id);
          toList();
        }}
      />
    );
  } else if (view.kind === 'edit') {
    const account = accounts.find((a) => a.id === view.id);
    title = t('edit_account');
    body = account ? (
      <EditView
        account={account}
        onCancel={toList}
        onError={onError}
        onSaved={(saved) => {
          upsert(saved);
          notify(t('saved'));
          toList();
        }}
        onDeleted={(id) => {
          drop(id);
          notify(t('deleted'));
          toList();
        }}
      />
    ) : null;
  } else if (view.kind === 'settings') {
    title = t('settings');
    body = <SettingsView settings={settings} update={update} onError={onError} />;
  } else {
    body = (
      <ListView
        accounts={sorted}
        now={now}
        hideCodes={settings.hideCodes ?? false}
        query={query}
        setQuery={setQuery}
        copiedId={liveToast?.accountId ?? null}
        busyId={busyId}
        scrollToId={scrollToId}
        onAdd={() => setView({ kind: 'add' })}
        onSettings={() => setView({ kind: 'settings' })}
        onCopy={copy}
        onEdit={(account) => setView({ kind: 'edit', id: account.id })}
        onHotpNext={hotpNext}
      />
    );
  }

  const sub = title !== '' && status === 'ready';
  return (
    <div class="app" data-view={status === 'ready' ? view.kind : status} onKeyDown={sub ? (e) => e.key === 'Escape' && toList() : undefined}>
      {sub ? null : <h1 class="visually-hidden">{t('extName')}</h1>}
      {sub ? (
        <header class="bar">
          <button type="button" class="icon-button" data-testid="back-button" aria-label={t('back')} title={t('back')} onClick={toList}>
            <BackIcon />
          </button>
          <h1>{title}</h1>
        </header>
      ) : null}
      <main class={sub ? 'scroll' : undefined}>{body}</main>
      <div class={liveToast ? 'toast visible' : 'toast'} role="status" aria-live="polite" data-testid="toast">
        {liveToast?.message ?? ''}
      </div>
    </div>
  );
}
