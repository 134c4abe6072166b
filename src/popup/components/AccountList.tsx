import type { RefObject, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { AccountRow, ROW_HEIGHT, type RowActions } from './AccountRow';

/** Rows rendered above and below the visible ones, so fast scrolling and arrow keys never show a gap. */
const OVERSCAN = 6;
/** Until the list is measured, assume the tallest popup Chrome allows (600 px). */
const INITIAL_VIEWPORT = 600;
/** A section heading's height: "Accounts for <site>" above the tab's accounts, "Other accounts" below them. */
export const HEADING_HEIGHT = 28;

export interface ListApi {
  /** Moves focus to row `index` (scrolling it into view). */
  focusIndex: (index: number) => void;
  scrollToId: (id: string) => void;
  /** Moves focus to the row of account `id`, if it is listed. */
  focusId: (id: string) => void;
}

interface Props {
  /** The tab's site's accounts first (`siteCount` of them), then the others. */
  accounts: AccountView[];
  /** The tab's site when `siteCount` > 0: their section is headed by its name. */
  site: string | null;
  siteCount: number;
  badges: Map<string, string>;
  /** The page whose cached icon stands for an account, or null for its letter. */
  iconPage: (account: AccountView, fills: boolean) => string | null;
  now: number;
  hideCodes: boolean;
  copiedId: string | null;
  busyId: string | null;
  apiRef: RefObject<ListApi | null>;
  onUse: RowActions['use'];
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
  const [, rerender] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const count = accounts.length;
  const { siteCount } = props;
  const headed = siteCount > 0;
  const otherHeading = headed && siteCount < count;
  /** The row's top in px: below the site heading, and below the "other" heading after the site's rows. */
  const topOf = (i: number): number => i * ROW_HEIGHT + (headed ? HEADING_HEIGHT : 0) + (otherHeading && i >= siteCount ? HEADING_HEIGHT : 0);
  const height = count * ROW_HEIGHT + (headed ? HEADING_HEIGHT : 0) + (otherHeading ? HEADING_HEIGHT : 0);
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
    const top = topOf(index);
    let next = el.scrollTop;
    // The first row of a section brings its heading into view too.
    if (top < next) next = index === 0 || index === siteCount ? top - HEADING_HEIGHT : top;
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
    // A row already in the DOM takes focus now. Otherwise focus after the render that adds it, and force
    // that render: when neither `active` nor the scroll changed (ArrowDown from the search box onto row 0),
    // nothing else re-renders until the clock's next tick (issue 12: up to a second of lag).
    const row = scroller.current?.querySelector<HTMLElement>(`.row-main[data-index="${i}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    } else {
      pendingFocus.current = i;
      rerender((n) => n + 1);
    }
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
    focusId(id) {
      const i = accounts.findIndex((a) => a.id === id);
      if (i >= 0) focusIndex(i);
    },
  };

  // Focus in the commit that put the row into the DOM. A layout effect, not a passive one: Preact runs a
  // passive effect still pending from an earlier render (a clock tick, a focus) just before the next
  // render, when the row is not there yet, and that used to drop the focus on the body.
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`.row-main[data-index="${i}"]`);
    // Kept until a render has the row; given up when the list no longer has that many rows.
    if (row || i >= count) pendingFocus.current = null;
    row?.focus();
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

  // Headings only push rows down: starting from the unshifted index errs on rendering one row too many.
  const first = Math.max(0, Math.floor((scrollTop - 2 * HEADING_HEIGHT) / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const actions: RowActions = {
    use: props.onUse,
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
        top={topOf(i)}
        setSize={count}
        fills={i < siteCount}
        badge={props.badges.get(account.id) ?? ''}
        iconPage={props.iconPage(account, i < siteCount)}
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
      <div class="list-inner" style={{ height: `${height}px` }}>
        {headed ? (
          <h2 class="list-heading" data-testid="site-heading" style={{ top: '0px' }}>
            {t('site_accounts', props.site ?? '')}
          </h2>
        ) : null}
        {otherHeading ? (
          <h2 class="list-heading" data-testid="other-heading" style={{ top: `${topOf(siteCount) - HEADING_HEIGHT}px` }}>
            {t('other_accounts')}
          </h2>
        ) : null}
        <div role="list" aria-label={t('accounts')}>
          {rows}
        </div>
      </div>
    </div>
  );
}
