/** The preview and result cards of the picker, built with DOM calls (QR text only via `textContent`). */
import type { ScanPreview } from '../../shared/protocol';
import { plural, t } from '../extension';
import { div, el, type PickerUi } from './ui';

export interface PreviewChoice {
  issuer: string | null;
  name: string | null;
  /** The user ticked "I trust this page" under the issuer warning (the form requires it when shown). */
  trustMismatch: boolean;
  /** Per account: bind it to its suggested site. */
  bindSuggested: boolean[];
}

/** Why the accounts will be bound to no site, in the user's words. */
const UNBOUND_TEXT = { frame: 'scan_unbound_frame', insecure: 'scan_unbound_insecure', transfer: 'scan_unbound_transfer' } as const;

/** A checkbox with its label, unticked; `required` makes the form refuse to submit until it is ticked. */
function checkbox(text: string, testid: string, required = false): { label: HTMLLabelElement; box: HTMLInputElement } {
  const box = el('input', { type: 'checkbox', required }, testid);
  const label = el('label', { className: 'check' });
  label.append(box, el('span', { textContent: text }));
  return { label, box };
}

/** Shows what the code holds; `onAdd` gets the edited issuer and name (null for a batch) and the ticks. */
export function showPreview(
  ui: PickerUi,
  preview: ScanPreview,
  onAdd: (choice: PreviewChoice) => void,
  onCancel: () => void,
  onFill: (() => void) | null,
): void {
  const single = preview.accounts.length === 1 ? preview.accounts[0] : undefined;
  if (single && preview.duplicates > 0) {
    showAlready(ui, single, onCancel, onFill);
    return;
  }
  const card = ui.showCard('preview', t('scan_dialog_label'));
  card.append(el('h2', { textContent: single ? t('scan_confirm_title') : t('scan_confirm_many', String(preview.accounts.length)) }, 'scan-title'));
  let issuerInput: HTMLInputElement | null = null;
  let nameInput: HTMLInputElement | null = null;
  if (single) {
    issuerInput = el('input', { id: 'scan-issuer', value: single.issuer, autocomplete: 'off', maxLength: 256 }, 'scan-issuer');
    nameInput = el('input', { id: 'scan-name', value: single.name, autocomplete: 'off', maxLength: 256, required: true }, 'scan-name');
    card.append(el('label', { htmlFor: 'scan-issuer', textContent: t('field_issuer') }), issuerInput);
    card.append(el('label', { htmlFor: 'scan-name', textContent: t('field_name') }), nameInput);
    const facts = el('dl', {}, 'scan-facts');
    const fact = (term: string, value: string): void => void facts.append(el('dt', { textContent: term }), el('dd', { textContent: value }));
    fact(t('field_kind'), t(`kind_${single.kind}`));
    fact(t('field_digits'), String(single.digits));
    if (single.kind !== 'hotp') fact(t('scan_period'), plural('scan_period_value', single.period));
    card.append(facts);
  } else {
    const list = el('ul', {}, 'scan-list');
    for (const account of preview.accounts) {
      list.append(el('li', { textContent: account.issuer ? `${account.issuer} — ${account.name}` : account.name }));
    }
    card.append(list);
  }
  const siteText = preview.site ? t('scan_site', preview.site) : t(preview.unbound ? UNBOUND_TEXT[preview.unbound] : 'scan_no_site');
  card.append(el('p', { className: preview.site ? 'site' : 'note', textContent: siteText }, 'scan-site'));
  // Suggested sites (transfer codes), one tick each, all unticked: the user binds what they trust.
  const suggestions = preview.accounts.map((account, i) => {
    if (!account.suggestedSite) return null;
    const label = single ? t('scan_suggest_site', account.suggestedSite) : t('scan_suggest_site_for', [account.issuer ? `${account.issuer} — ${account.name}` : account.name, account.suggestedSite]);
    const { label: row, box } = checkbox(label, `scan-suggest-${i}`);
    card.append(row);
    return box;
  });
  let trust: HTMLInputElement | null = null;
  if (preview.mismatch) {
    card.append(el('p', { className: 'warn', textContent: t('scan_mismatch', [preview.mismatch.issuer, preview.mismatch.site]) }, 'scan-mismatch'));
    const { label, box } = checkbox(t('scan_mismatch_trust'), 'scan-trust', true);
    card.append(label);
    trust = box;
  }
  if (preview.duplicates > 0) card.append(el('p', { className: 'note', textContent: plural('scan_duplicates', preview.duplicates) }, 'scan-duplicates'));
  const buttons = div('buttons');
  const cancel = el('button', { type: 'button', textContent: t('cancel') }, 'scan-cancel');
  const add = el('button', { type: 'submit', className: 'primary', textContent: t('add') }, 'scan-add');
  buttons.append(cancel, add);
  card.append(buttons);
  cancel.addEventListener('click', onCancel);
  card.addEventListener('submit', (e) => {
    e.preventDefault();
    add.disabled = true;
    onAdd({
      issuer: issuerInput ? issuerInput.value.trim() : null,
      name: nameInput ? nameInput.value.trim() : null,
      trustMismatch: trust?.checked ?? false,
      bindSuggested: suggestions.map((box) => box?.checked ?? false),
    });
  });
  // Under a warning, Enter must not add by reflex: the focus starts on the tick box.
  (trust ?? nameInput ?? add).focus();
}

/**
 * The one account of the code is already in Twostep (issue 12): no Add button, and where it fills on this
 * page, the offer to fill the page's code, which is what a set-up page asks for next.
 */
function showAlready(ui: PickerUi, account: ScanPreview['accounts'][number], onClose: () => void, onFill: (() => void) | null): void {
  showMessage(ui, 'already', t('scan_already'), account.issuer ? `${account.issuer} — ${account.name}` : account.name, onClose, null, onFill ? { label: t('scan_fill_code'), run: onFill } : null);
}

/** A result or an error, with "Close" and, when picking again can help, "Try again". */
export function showMessage(
  ui: PickerUi,
  state: 'done' | 'error' | 'already',
  text: string,
  note: string | null,
  onClose: () => void,
  onRetry: (() => void) | null,
  action: { label: string; run: () => void } | null = null,
): void {
  const card = ui.showCard(state, t('scan_dialog_label'));
  card.append(el('p', { className: state === 'error' ? 'error' : '', textContent: text }, 'scan-message'));
  card.setAttribute('aria-live', 'polite');
  if (note) card.append(el('p', { className: 'note', textContent: note }, 'scan-note'));
  const buttons = div('buttons');
  if (onRetry) {
    const retry = el('button', { type: 'button', textContent: t('retry') }, 'scan-retry');
    retry.addEventListener('click', onRetry);
    buttons.append(retry);
  }
  if (action) {
    const button = el('button', { type: 'button', textContent: action.label }, 'scan-fill');
    button.addEventListener('click', action.run);
    buttons.append(button);
  }
  const close = el('button', { type: 'submit', className: 'primary', textContent: t('scan_close') }, 'scan-close');
  buttons.append(close);
  card.append(buttons);
  card.addEventListener('submit', (e) => {
    e.preventDefault();
    onClose();
  });
  close.focus();
}
