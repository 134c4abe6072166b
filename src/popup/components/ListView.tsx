import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { distinguishers, searchText, shownCode } from '../format';
import { AccountList, type ListApi } from './AccountList';
import { GearIcon, PlusIcon, QrIcon, SearchIcon } from './icons';
import { EmptyState, NoResults } from './States';

interface Props {
  accounts: AccountView[];
  /** The tab's site and the accounts that fill there (listed first, under the site's name). */
  site: string | null;
  siteIds: readonly string[];
  /** The tab's address, for the icon of its accounts; null when unknown. */
  pageUrl: string | null;
  /** Show cached site icons (the user turned them on). */
  siteIcons: boolean;
  now: number;
  hideCodes: boolean;
  query: string;
  setQuery: (query: string) => void;
  copiedId: string | null;
  busyId: string | null;
  /** Scroll to this account once shown and focus its row (one just added or edited). */
  scrollToId: string | null;
  onAdd: () => void;
  /** Set a PIN before the first account (the empty state's first-run offer); null when not offered. */
  onProtect?: (() => void) | null;
  /** Start picking a QR code on the page the popup was opened over (issue 4). */
  onScan: () => void;
  onSettings: () => void;
  /** A row's action: fill for the tab's site's accounts, copy for the others. */
  onUse: (account: AccountView, code: string) => void;
  onEdit: (account: AccountView) => void;
  onHotpNext: (account: AccountView) => void;
  /** A suggestion shown between the search bar and the list (the PIN nudge). */
  banner?: JSX.Element | null;
}

/** Every word must appear in the issuer, name or a site, in any case. */
function filter(accounts: AccountView[], query: string): AccountView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts;
  return accounts.filter((a) => {
    const text = searchText(a);
    return words.every((w) => text.includes(w));
  });
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** The main screen: search, add and settings on top, then the codes. */
export function ListView(props: Props) {
  const { accounts, query, setQuery } = props;
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<ListApi | null>(null);
  const caretToEnd = useRef(false);
  const { siteIds } = props;
  // The tab's site's accounts first (in the usual order), then the rest: a search keeps both sections.
  const [shown, siteCount] = useMemo(() => {
    const found = filter(accounts, query);
    const here = found.filter((a) => siteIds.includes(a.id));
    const ordered: AccountView[] = [...here, ...found.filter((a) => !siteIds.includes(a.id))];
    return [ordered, here.length] as const;
  }, [accounts, query, siteIds]);
  const badges = useMemo(() => distinguishers(accounts), [accounts]);
  const iconPage = (account: AccountView, fills: boolean): string | null => {
    if (!props.siteIcons) return null;
    // The browser keeps icons per page: the tab's own page has one; elsewhere the site's home page may.
    if (fills && props.pageUrl) return props.pageUrl;
    const site = account.sites[0];
    return site ? `https://${site}/` : null;
  };

  const focusSearch = (): void => search.current?.focus();

  // In the commit that shows the list (a layout effect): a row focused only after the first paint lost
  // the race, on a busy machine, against the search box's autofocus and against keys already pressed.
  useLayoutEffect(() => {
    if (props.scrollToId) list.current?.focusId(props.scrollToId);
  }, [props.scrollToId]);

  // After type-ahead from a row the caret goes after what was typed, not before it.
  useEffect(() => {
    const el = search.current;
    if (!caretToEnd.current || !el) return;
    caretToEnd.current = false;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  });

  // `/` anywhere, or typing with nothing focused, goes to the search box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        focusSearch();
      } else if (e.key.length === 1 && e.key !== ' ' && (e.target === document.body || e.target === null)) {
        focusSearch();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onSearchKey = (e: TargetedKeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      list.current?.focusIndex(0);
    } else if (e.key === 'Enter') {
      // Type a few letters, press Enter: the first match is copied.
      const first = shown[0];
      if (first) props.onUse(first, shownCode(first, props.now).code);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  };

  return (
    <>
      <header class="bar">
        <div class="search">
          <SearchIcon />
          <input
            ref={search}
            type="search"
            data-testid="search"
            aria-label={t('search_label')}
            placeholder={t('search_placeholder')}
            value={query}
            autoFocus
            autocomplete="off"
            spellcheck={false}
            aria-controls={shown.length > 0 ? 'accounts' : undefined}
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={onSearchKey}
          />
        </div>
        <button type="button" class="icon-button" data-testid="scan-button" title={t('scan_qr')} aria-label={t('scan_qr')} onClick={props.onScan}>
          <QrIcon />
        </button>
        <button type="button" class="icon-button" data-testid="add-button" title={t('add_account')} aria-label={t('add_account')} onClick={props.onAdd}>
          <PlusIcon />
        </button>
        <button type="button" class="icon-button" data-testid="settings-button" title={t('settings')} aria-label={t('settings')} onClick={props.onSettings}>
          <GearIcon />
        </button>
      </header>
      {props.banner}
      {accounts.length === 0 ? (
        <EmptyState onAdd={props.onAdd} onScan={props.onScan} onProtect={props.onProtect} />
      ) : shown.length === 0 ? (
        <NoResults query={query.trim()} />
      ) : (
        <AccountList
          accounts={shown}
          site={props.site}
          siteCount={siteCount}
          badges={badges}
          iconPage={iconPage}
          now={props.now}
          hideCodes={props.hideCodes}
          copiedId={props.copiedId}
          busyId={props.busyId}
          apiRef={list}
          onUse={props.onUse}
          onEdit={props.onEdit}
          onHotpNext={props.onHotpNext}
          onTypeAhead={(key) => {
            setQuery(query + key);
            caretToEnd.current = true;
            focusSearch();
          }}
          onEscape={() => {
            setQuery('');
            focusSearch();
          }}
        />
      )}
    </>
  );
}
