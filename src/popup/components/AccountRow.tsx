import { plural, t } from '../../shared/i18n';
import type { AccountView } from '../../shared/protocol';
import { accountLabel, groupCode, maskCode, shownCode } from '../format';
import { Avatar } from './Avatar';
import { Countdown } from './Countdown';
import { CheckIcon, EditIcon, NextIcon } from './icons';

export const ROW_HEIGHT = 60;

export interface RowActions {
  /** The row's own action: fill on the tab's site (`fills`), copy elsewhere. */
  use: (account: AccountView, code: string) => void;
  edit: (account: AccountView) => void;
  hotpNext: (account: AccountView) => void;
  focusRow: (index: number) => void;
}

interface Props {
  account: AccountView;
  index: number;
  /** Where the row sits in the list, in px (section headings push rows down). */
  top: number;
  setSize: number;
  /** The row fills the code into the tab (its site's account) instead of copying it. */
  fills: boolean;
  /** Tells this account apart from another of the same name (its kind or site); '' when none is needed. */
  badge: string;
  /** The page whose cached icon stands for the account; null for the letter. */
  iconPage: string | null;
  now: number;
  /** The one row in the tab order (roving tabindex). */
  active: boolean;
  copied: boolean;
  busy: boolean;
  actions: RowActions;
}

/**
 * One account: who it is, its code grouped for reading, and the time left. The whole row is a button
 * that copies the code; edit (and, for HOTP, next code) are buttons beside it.
 */
export function AccountRow({ account, index, top, setSize, fills, badge, iconPage, now, active, copied, busy, actions }: Props) {
  const shown = shownCode(account, now);
  const grouped = groupCode(shown.code, account.kind);
  const label = accountLabel(account);
  const tabIndex = active ? 0 : -1;
  const seconds = shown.validUntil === null ? null : Math.max(0, Math.ceil((shown.validUntil - now) / 1000));
  // The spoken name holds the row's visible text in its order (issuer, badge, name, Copy or Fill, code,
  // seconds), so a speech-input user can say what they see (WCAG 2.5.3, axe's label-content-name-mismatch).
  const action = fills ? t('fill_action') : t('copy_action');
  const who = [account.issuer || account.name, badge, account.issuer ? account.name : ''].filter((s) => s !== '').join(', ');
  const spoken = fills
    ? seconds === null
      ? t('row_label_fill_hotp', [who, action, grouped])
      : plural('row_label_fill', seconds, [who, action, grouped])
    : seconds === null
      ? t('row_label_hotp', [who, action, grouped])
      : plural('row_label', seconds, [who, action, grouped]);
  return (
    <div
      class={copied ? 'row copied' : 'row'}
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-testid="account-row"
      data-id={account.id}
      data-kind={account.kind}
      data-action={fills ? 'fill' : 'copy'}
      style={{ transform: `translateY(${top}px)` }}
    >
      <button
        type="button"
        class="row-main"
        tabIndex={tabIndex}
        data-index={index}
        data-testid="copy-button"
        aria-label={spoken}
        onClick={() => actions.use(account, shown.code)}
        onFocus={() => actions.focusRow(index)}
      >
        {/* The spaces between the parts (flex items: not drawn) keep the words apart for anything that reads the row's text. */}
        <Avatar label={account.issuer || account.name} pageUrl={iconPage} />{' '}
        <span class="who">
          <span class="issuer-line">
            <span class="issuer" data-testid="issuer">
              {account.issuer || account.name}
            </span>
            {badge ? ' ' : null}
            {badge ? (
              <span class="badge" data-testid="account-badge">
                {badge}
              </span>
            ) : null}
          </span>{' '}
          {account.issuer && account.name ? (
            <span class="name" data-testid="account-name">
              {account.name}
            </span>
          ) : null}
        </span>{' '}
        {/* What a click does, in words, before the click: fill here, or copy. */}
        <span class={fills ? 'action fill' : 'action'} data-testid="row-action" aria-hidden="true">
          {action}
        </span>{' '}
        <span class="code-box">
          <span class="code" data-testid="code">
            {grouped}
          </span>
          <span class="mask" data-testid="code-mask" aria-hidden="true">
            {maskCode(grouped)}
          </span>
        </span>{' '}
        {/* HOTP codes do not expire: no ring; its "next code" button sits where the ring would be. */}
        {shown.validUntil === null ? null : (
          <span class="status">
            {copied ? (
              <span class="check" data-testid="copied-mark">
                <CheckIcon />
              </span>
            ) : (
              <Countdown key={shown.validFrom} validFrom={shown.validFrom} validUntil={shown.validUntil} now={now} />
            )}
          </span>
        )}
      </button>
      {account.kind === 'hotp' ? (
        <button
          type="button"
          class="icon-button"
          tabIndex={tabIndex}
          data-testid="hotp-next"
          disabled={busy}
          title={t('next_code')}
          aria-label={t('next_code_for', label)}
          onClick={() => actions.hotpNext(account)}
          onFocus={() => actions.focusRow(index)}
        >
          <NextIcon />
        </button>
      ) : null}
      <button
        type="button"
        class="icon-button"
        tabIndex={tabIndex}
        data-testid="edit-button"
        title={t('edit')}
        aria-label={t('edit_account_label', label)}
        onClick={() => actions.edit(account)}
        onFocus={() => actions.focusRow(index)}
      >
        <EditIcon />
      </button>
    </div>
  );
}
