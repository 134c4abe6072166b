import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

/**
 * Show/hide for a passphrase field (issue 12): a long phrase is hard to type blind. It flips the input's
 * type only; the secret stays in the input element and never enters component state.
 */
/** `targets`: the fields it shows and hides together (a new passphrase and its confirmation). */
export function ShowSecret({ targets, testid }: { targets: RefObject<HTMLInputElement | null>[]; testid: string }) {
  const [shown, setShown] = useState(false);
  const toggle = (): void => {
    for (const target of targets) if (target.current) target.current.type = shown ? 'password' : 'text';
    setShown(!shown);
  };
  return (
    <button type="button" class="button small toggle-secret" data-testid={testid} aria-pressed={shown} onMouseDown={(e) => e.preventDefault()} onClick={toggle}>
      {shown ? t('passphrase_hide') : t('passphrase_show')}
    </button>
  );
}
