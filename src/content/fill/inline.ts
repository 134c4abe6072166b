/**
 * The fill script registered while the inline button is on. It runs at document_start so its key
 * guard comes before any page script's listeners (key-guard.ts); then it watches the page for a code
 * field (sign-in steps are often rendered late), shows the button beside it, and fills without asking
 * where the worker allows that. A page without inputs costs one `querySelector` per batch of DOM changes.
 */
import { buttonTarget, hideButton, placeButton } from './button';
import { findField, firstInput, install, offer } from './flow';
import { installKeyGuard } from './key-guard';

const SETTLE_MS = 250;
let offeredFor: HTMLInputElement | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function check(): void {
  timer = null;
  const field = findField(false);
  if (!field) {
    if (offeredFor && !offeredFor.isConnected) {
      offeredFor = null;
      hideButton();
    }
    return;
  }
  const first = firstInput(field);
  if (first === offeredFor) {
    if (buttonTarget()) placeButton();
    return;
  }
  offeredFor = first;
  void offer(field, false);
}

installKeyGuard();
if (install()) {
  check();
  new MutationObserver(() => {
    timer ??= setTimeout(check, SETTLE_MS);
  }).observe(document, { childList: true, subtree: true });
}
