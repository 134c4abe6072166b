import type { RefObject, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { AccountRow, ROW_HEIGHT, type RowActions } from './AccountRow';

/** Rows rendered above and below the visible ones, so fast scrolling and arrow keys never show a gap. */
const OVERSCAN = 6;
/** Until the list is measured, assume the tallest popup Chrome allows (600 px). */
const INITIAL_VIEWPORT = 600;

export interface ListApi {
  /** Moves focus to row `index` (scrolling it into view). */
  focusIndex: (index: number) => void;
  scrollToId: (id: string) => void;
}

interface Props {
  accounts: AccountView[];
  now: number;
  hideCodes: boolean;
  copiedId: string | null;
  busyId: string | null;
  apiRef: RefObject<ListApi | null>;
  onCopy: RowActions['copy'];
  onEdit: RowActions['edit'];
  onHotpNext: RowActions['hotpNext'];
  /** A printable key typed on a row: it goes to the search box. */
  onTypeAhead: (key: string) => void;
  onEscape: () => void;
}

/**
 * A windowed list with fixed-height rows: only the rows in view (plus a few) are in the DOM, so a
 * vault of thousands of accounts opens as fast as one of ten. Keyboard: ↑/↓/Home/End move, Enter copies
 * (the row is a button), printable keys and `/` go to the search box, Escape clears it.
 */
export function AccountList(props: Props) {
  const { accounts, now, apiRef } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(INITIAL_VIEWPORT);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const count = accounts.length;
  const current = Math.min(active, Math.max(0, count - 1));

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = (): void => setViewport(el.clientHeight || INITIAL_VIEWPORT);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new search starts at the top.
  useEffect(() => setActive(0), [count]);

  /** Scrolls so row `index` is fully visible, and renders that window at once (not on the scroll event). */
  const reveal = (index: number): void => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    let next = el.scrollTop;
    if (top < next) next = top;
    else if (top + ROW_HEIGHT > next + el.clientHeight) next = top + ROW_HEIGHT - el.clientHeight;
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  };

  const focusIndex = (index: number): void => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    reveal(i);
    setActive(i);
    pendingFocus.current = i;
  };

  apiRef.current = {
    focusIndex,
    scrollToId(id) {
      const i = accounts.findIndex((a) => a.id === id);
      if (i >= 0) {
        reveal(i);
        setActive(i);
      }
    },
  };

  // Focus after the render that put the row into the DOM.
  useEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    pendingFocus.current = null;
    scroller.current?.querySelector<HTMLElement>(`.row-main[data-index="${i}"]`)?.focus();
  });

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      focusIndex(target);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onEscape();
    } else if (e.key.length === 1 && e.key !== ' ') {
      // `/` only moves focus; any other printable key is also typed into the search box.
      e.preventDefault();
      props.onTypeAhead(e.key === '/' ? '' : e.key);
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const actions: RowActions = {
    copy: props.onCopy,
    edit: props.onEdit,
    hotpNext: props.onHotpNext,
    focusRow: setActive,
  };
  const rows = [];
  for (let i = first; i < last; i++) {
    const account = accounts[i];
    if (!account) continue;
    rows.push(
      <AccountRow
        key={account.id}
        account={account}
        index={i}
        setSize={count}
        now={now}
        active={i === current}
        copied={account.id === props.copiedId}
        busy={account.id === props.busyId}
        actions={actions}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      class={props.hideCodes ? 'list hide-codes' : 'list'}
      id="accounts"
      data-testid="account-list"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="list-inner" role="list" aria-label={t('accounts')} style={{ height: `${count * ROW_HEIGHT}px` }}>
        {rows}
      </div>
    </div>
  );
}
