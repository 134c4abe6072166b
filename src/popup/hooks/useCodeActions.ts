/** What a click on a row does: fill on the tab's site, copy elsewhere (asking first on a look-alike page). */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { t, translateError } from '../../shared/i18n';
import type { AccountView, Settings, TabContext } from '../../shared/protocol';
import type { LookalikeAsk } from '../components/LookalikeBanner';

interface Deps {
  /** The page under the popup, once known. */
  tab: TabContext | null;
  settings: Partial<Settings>;
  notify: (message: string, accountId?: string | null) => void;
  onError: (err: unknown) => void;
  refresh: () => Promise<unknown>;
}

export function useCodeActions({ tab, settings, notify, onError, refresh }: Deps) {
  const [lookalikeAsk, setLookalikeAsk] = useState<LookalikeAsk | null>(null);
  // The account a fill found no code field for: the list offers to copy its code instead.
  const [noField, setNoField] = useState<AccountView | null>(null);

  /** Copies the code; the worker clears it from the clipboard later if the user asked for that. */
  const copyNow = (account: AccountView, code: string): void => {
    navigator.clipboard.writeText(code).then(
      () => {
        notify(t('copied'), account.id);
        if ((settings.clipboardClearSeconds ?? 0) > 0) void call('clipboard.copied', { code }).catch(() => undefined);
      },
      () => notify(t('copy_failed')),
    );
  };
  /** Fills the code into the tab; once it is there the popup has done its job and closes (unless asked not to). */
  const fillNow = (account: AccountView): void => {
    setNoField(null);
    call('fill.inTab', { id: account.id }).then(
      (result) => {
        if (!result.filled) {
          // Nothing was filled and nothing copied: say so, and offer the copy as a separate step.
          setNoField(account);
          return;
        }
        if (settings.keepPopupOpen !== true) {
          window.close();
          return;
        }
        // Say where the code went: a frame of another site than the tab's can receive it too.
        notify(result.host ? t('filled_on', result.host) : t('filled'), account.id);
        // The page got this HOTP code; the counter moved on, so show the next one.
        if (account.kind === 'hotp') void refresh();
      },
      (err: unknown) => {
        onError(err);
        notify(translateError(err));
      },
    );
  };
  /** On a look-alike page a click only asks: the code is copied once the user confirms, told whose site it is. */
  const copy = (account: AccountView, code: string): void => {
    setNoField(null);
    if (!tab?.lookalike) {
      copyNow(account, code);
      return;
    }
    const site = account.sites[0] ?? tab.lookalike.site;
    setLookalikeAsk({
      issuer: account.issuer || account.name,
      site,
      run: () => {
        setLookalikeAsk(null);
        copyNow(account, code);
      },
    });
  };
  /** A row's action: the tab's site's accounts fill (the list says so), the others copy. */
  const use = (account: AccountView, code: string): void => {
    if (tab?.matching.includes(account.id) === true) fillNow(account);
    else copy(account, code);
  };

  return { use, copy, noField, setNoField, lookalikeAsk, setLookalikeAsk };
}
