import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { errorCodeOf, t, translateError } from '../shared/i18n';
import type { AccountView, TabContext, VaultState } from '../shared/protocol';
import { BackupReminder } from './components/BackupReminder';
import { BackIcon } from './components/icons';
import { ListView } from './components/ListView';
import { LockedView } from './components/LockedView';
import { DamagedNotice } from './components/DamagedNotice';
import { LookalikeBanner } from './components/LookalikeBanner';
import { NoFieldNotice } from './components/NoFieldNotice';
import type { PinMode } from './components/PinForm';
import { PinNudge } from './components/PinNudge';
import { LoadFailed } from './components/States';
import { shownCode, sortAccounts } from './format';
import { useAccounts } from './hooks/useAccounts';
import { useClock } from './hooks/useClock';
import { useCodeActions } from './hooks/useCodeActions';
import { useSettings } from './hooks/useSettings';
import { useVault } from './hooks/useVault';
import { useViews } from './lazy-views';
import { isStartupList } from './startup';

type View = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'settings'; pin: PinMode | null };

/** The small window the background opens at browser start to ask for the PIN: it closes once unlocked. */
const UNLOCK_WINDOW = new URLSearchParams(location.search).get('window') === 'unlock';

const DONE_MESSAGE: Record<PinMode, string> = { set: 'pin_done_on', change: 'saved', remove: 'pin_done_off' };

interface Toast {
  message: string;
  until: number;
  accountId: string | null;
  /** The view it was raised for: it never shows in another (issue 12). */
  view: View['kind'];
}

const TOAST_MS = 1500;
const NO_IDS: readonly string[] = [];

export function App() {
  const now = useClock();
  const { accounts, status, refresh, upsert, drop, markLocked } = useAccounts(now);
  const { settings, loaded, update } = useSettings();
  const { vault, setVault, reload: reloadVault } = useVault();
  const [view, setView] = useState<View>({ kind: 'list' });
  const views = useViews(view.kind !== 'list');
  const [query, setQuery] = useState('');
  const [toast, setToast] = useState<Toast | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [scrollToId, setScrollToId] = useState<string | null>(null);
  // The page under the popup: which accounts may fill there, and whether it is a look-alike (issue 5).
  const [tab, setTab] = useState<TabContext | null>(null);
  // The stored view comes in list order already: the cold first render does not sort (startup.ts).
  const sorted = useMemo(() => (isStartupList(accounts) ? accounts : sortAccounts(accounts)), [accounts]);
  const showing = status === 'ready' && loaded;
  useLayoutEffect(() => {
    // When the first codes are in the DOM, about to be painted (see 'twostep:list-received' in useAccounts).
    if (showing && performance.getEntriesByName('twostep:codes-shown').length === 0) performance.mark('twostep:codes-shown');
  }, [showing]);
  // The same for the unlock screen (read by the benchmark): the condition under which it is rendered below.
  const unlockShown = vault?.locked === true && (status === 'locked' || status === 'loading');
  useLayoutEffect(() => {
    if (unlockShown && performance.getEntriesByName('twostep:unlock-shown').length === 0) performance.mark('twostep:unlock-shown');
  }, [unlockShown]);

  // Feedback fades on the popup's one clock (so it shows for 1.5–2.5 s), not on a timer of its own.
  const liveToast = toast && now < toast.until && toast.view === view.kind ? toast : null;
  /** Feedback for the view being shown, or for `forView` when it is raised just as the popup goes there. */
  const notify = (message: string, accountId: string | null = null, forView: View['kind'] = view.kind): void =>
    setToast({ message, accountId, until: Date.now() + TOAST_MS, view: forView });
  const onError = (err: unknown): void => {
    if (errorCodeOf(err) === 'vault_locked') markLocked();
  };
  /** Back to the list, with focus on `focusId`'s row (the one just edited or added) or else on the search box. */
  const toList = (focusId: string | null = null): void => {
    setToast(null);
    setScrollToId(focusId);
    setView({ kind: 'list' });
  };
  const go = (next: View): void => {
    setToast(null);
    setView(next);
  };
  const back = (): void => toList(view.kind === 'edit' ? view.id : null);

  // A call found the vault locked while the known state says open: ask how it is protected now.
  useEffect(() => {
    if (status === 'locked' && vault !== null && !vault.locked) reloadVault();
  }, [status]);
  // ... and if it turns out open after all (unlocked elsewhere), load the list.
  useEffect(() => {
    if (status === 'locked' && vault !== null && !vault.locked) void refresh();
  }, [vault]);

  const unlocked = async (state: VaultState): Promise<void> => {
    if (UNLOCK_WINDOW) {
      window.close();
      return;
    }
    await refresh();
    setVault(state);
    toList();
  };
  const lockNow = (): void => {
    call('vault.lock', null).then(
      (state) => {
        setVault(state);
        markLocked();
        toList();
      },
      (err: unknown) => {
        onError(err);
        notify(translateError(err));
      },
    );
  };
  const pinChanged = (state: VaultState, mode: PinMode): void => {
    setVault(state);
    // Whoever set a PIN knows the feature: never suggest it again, not even after removing it.
    if (mode === 'set' && settings.pinNudgeDismissed === false) void update({ pinNudgeDismissed: true }).catch(() => undefined);
    notify(t(DONE_MESSAGE[mode]));
  };

  useEffect(() => {
    if (status === 'ready' && !UNLOCK_WINDOW) call('tab.context', null).then(setTab, () => setTab(null));
  }, [status]);

  const { use, copy, noField, setNoField, lookalikeAsk, setLookalikeAsk } = useCodeActions({ tab, settings, notify, onError, refresh });
  // The picker runs in the page; the popup gets out of its way (a popup opened in a tab has no page under it).
  const scan = (): void => {
    call('scan.start', null).then(
      () => window.close(),
      (err: unknown) => notify(translateError(err)),
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
  const locked = status === 'locked' || (status === 'loading' && vault?.locked === true);
  if (locked) body = vault?.locked ? <LockedView vault={vault} now={now} onUnlocked={unlocked} /> : null;
  else if (status === 'failed') body = <LoadFailed onRetry={() => void refresh()} />;
  else if (status === 'loading' || !loaded) body = null;
  else if (view.kind !== 'list' && views === null) {
    // Add, Edit or Settings, loading (lazy-views.ts): the bar with its title and back button shows at once.
    title = t(view.kind === 'add' ? 'add_account' : view.kind === 'edit' ? 'edit_account' : 'settings');
  } else if (view.kind === 'add' && views) {
    const { AddView } = views;
    title = t('add_account');
    body = (
      <AddView
        onCancel={() => toList()}
        onError={onError}
        onAdded={(added) => {
          added.forEach(upsert);
          const [first] = added;
          setQuery('');
          toList(first?.id ?? null);
          notify(added.length > 1 ? t('added_many', String(added.length)) : t('added'), first?.id, 'list');
        }}
      />
    );
  } else if (view.kind === 'edit' && views) {
    const { EditView } = views;
    const account = accounts.find((a) => a.id === view.id);
    title = t('edit_account');
    body = account ? (
      <EditView
        account={account}
        onCancel={back}
        onError={onError}
        onSaved={(saved) => {
          upsert(saved);
          toList(saved.id);
          notify(t('saved'), null, 'list');
        }}
        onDeleted={(id) => {
          drop(id);
          toList();
          notify(t('deleted'), null, 'list');
        }}
      />
    ) : null;
  } else if (view.kind === 'settings' && views) {
    const { SettingsView } = views;
    title = t('settings');
    body = (
      <SettingsView
        settings={settings}
        update={update}
        onError={onError}
        vault={vault}
        now={now}
        startWith={view.pin}
        onVault={pinChanged}
        onLock={lockNow}
      />
    );
  } else {
    const nudge =
      vault?.protection === null && settings.pinNudgeDismissed === false && accounts.length > 0 ? (
        <PinNudge
          onSetPin={() => go({ kind: 'settings', pin: 'set' })}
          onDismiss={() => void update({ pinNudgeDismissed: true }).catch(() => undefined)}
        />
      ) : null;
    // First run, no account and no PIN: the empty state offers one first. Adding or scanning instead is the answer.
    const offerPin = vault?.protection === null && settings.pinNudgeDismissed === false && accounts.length === 0;
    const skipPin = (): void => {
      if (offerPin) void update({ pinNudgeDismissed: true }).catch(() => undefined);
    };
    const lookalike = tab?.lookalike ? (
      <LookalikeBanner issuer={tab.lookalike.issuer} site={tab.lookalike.site} ask={lookalikeAsk} onCancel={() => setLookalikeAsk(null)} />
    ) : null;
    const damaged = vault && (vault.damaged > 0 || vault.rolledBack) ? <DamagedNotice count={vault.damaged} rolledBack={vault.rolledBack} /> : null;
    body = (
      <ListView
        banner={
          <>
            {lookalike}
            {noField ? (
              <NoFieldNotice
                onCopy={() => copy(noField, shownCode(noField, now).code)}
                onDismiss={() => setNoField(null)}
              />
            ) : null}
            {damaged}
            {nudge}
            {nudge || UNLOCK_WINDOW ? null : <BackupReminder accountCount={accounts.length} />}
          </>
        }
        accounts={sorted}
        site={tab?.site ?? null}
        siteIds={tab?.matching ?? NO_IDS}
        pageUrl={tab?.pageUrl ?? null}
        siteIcons={settings.siteIcons ?? false}
        now={now}
        hideCodes={settings.hideCodes ?? false}
        query={query}
        setQuery={setQuery}
        copiedId={liveToast?.accountId ?? null}
        busyId={busyId}
        scrollToId={scrollToId}
        onAdd={() => {
          skipPin();
          go({ kind: 'add' });
        }}
        onScan={() => {
          skipPin();
          scan();
        }}
        onProtect={offerPin ? () => go({ kind: 'settings', pin: 'set' }) : null}
        onSettings={() => go({ kind: 'settings', pin: null })}
        onUse={use}
        onEdit={(account) => go({ kind: 'edit', id: account.id })}
        onHotpNext={hotpNext}
      />
    );
  }

  const sub = title !== '' && status === 'ready';
  // One <main> serves every view: a new view opens at its top, not where the last one was scrolled to.
  const main = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [view]);
  // Escape leaves a sub-view wherever the focus is: after a form re-renders with its errors the focus
  // can sit on the body, outside any element of ours, and a listener on our root would miss the key.
  // A layout effect: listening from the commit that shows the view, not from after its first paint, so
  // an Escape pressed as soon as the view is there is never lost.
  useLayoutEffect(() => {
    if (!sub) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) back();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [sub, view]);
  return (
    <div class="app" data-view={locked ? 'locked' : status === 'ready' ? view.kind : status} data-tab={tab ? 'ready' : 'pending'}>
      {sub ? (
        <header class="bar">
          <button type="button" class="icon-button" data-testid="back-button" aria-label={t('back')} title={t('back')} onClick={back}>
            <BackIcon />
          </button>
          <h1>{title}</h1>
        </header>
      ) : null}
      <main ref={main} class={sub ? 'scroll' : undefined}>
        {/* Inside a landmark, so no content sits outside one (axe: region). */}
        {sub ? null : <h1 class="visually-hidden">{t('extName')}</h1>}
        {body}
      </main>
      <div class={liveToast ? 'toast visible' : 'toast'} role="status" aria-live="polite" data-testid="toast">
        {liveToast?.message ?? ''}
      </div>
    </div>
  );
}
