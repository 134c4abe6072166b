/** The preview and result cards of the picker, built with DOM calls (QR text only via `textContent`). */
import type { ScanPreview } from '../../shared/protocol';
import { t } from '../extension';
import { div, el, type PickerUi } from './ui';

export interface PreviewChoice {
  issuer: string | null;
  name: string | null;
}

/** Shows what the code holds; `onAdd` gets the edited issuer and name (null for a batch). */
export function showPreview(ui: PickerUi, preview: ScanPreview, onAdd: (choice: PreviewChoice) => void, onCancel: () => void): void {
  const card = ui.showCard('preview', t('scan_dialog_label'));
  const single = preview.accounts.length === 1 ? preview.accounts[0] : undefined;
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
    if (single.kind !== 'hotp') fact(t('field_period'), t('scan_period_value', String(single.period)));
    card.append(facts);
  } else {
    const list = el('ul', {}, 'scan-list');
    for (const account of preview.accounts) {
      list.append(el('li', { textContent: account.issuer ? `${account.issuer} — ${account.name}` : account.name }));
    }
    card.append(list);
  }
  card.append(
    el('p', { className: preview.site ? 'site' : 'note', textContent: preview.site ? t('scan_site', preview.site) : t('scan_no_site') }, 'scan-site'),
  );
  if (preview.duplicates > 0) card.append(el('p', { className: 'note', textContent: t('scan_duplicates', String(preview.duplicates)) }, 'scan-duplicates'));
  const buttons = div('buttons');
  const cancel = el('button', { type: 'button', textContent: t('cancel') }, 'scan-cancel');
  const add = el('button', { type: 'submit', className: 'primary', textContent: t('add') }, 'scan-add');
  buttons.append(cancel, add);
  card.append(buttons);
  cancel.addEventListener('click', onCancel);
  card.addEventListener('submit', (e) => {
    e.preventDefault();
    add.disabled = true;
    onAdd({ issuer: issuerInput ? issuerInput.value.trim() : null, name: nameInput ? nameInput.value.trim() : null });
  });
  (nameInput ?? add).focus();
}

/** A result or an error, with "Close" and, when picking again can help, "Try again". */
export function showMessage(
  ui: PickerUi,
  state: 'done' | 'error',
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
