/**
 * The fill script registered while the inline button is on. It runs at document_start so its key
 * guard comes before any page script's listeners (key-guard.ts); then it watches the page for a code
 * field (sign-in steps are often rendered late), shows the button beside it, and fills without asking
 * where the worker allows that.
 *
 * It searches exactly as the on-demand fill does (`findField`, shadow roots included), so the button
 * appears wherever the popup would fill. It watches the document and every shadow root it has searched
 * (a document's MutationObserver never sees inside one), text as well as elements: a site that switches
 * the same input to "enter a backup code" by changing only the words around it takes the button away.
 * A shadow root attached without any other change (an element upgraded when its definition loads) is
 * found at the next change, on load, or when the user focuses the field.
 */
import { buttonHost, buttonTarget, hideButton, placeButton } from './button';
import { findField, firstInput, install, offer } from './flow';
import { installKeyGuard } from './key-guard';

const SETTLE_MS = 250;
/** What a change of mode looks like: elements, text, and the attributes that show or hide them. */
const WATCH: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'style', 'class', 'aria-hidden', 'autocomplete', 'name', 'id'],
};
let offeredFor: HTMLInputElement | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const watched = new WeakSet<ShadowRoot>();
// Our own button's changes (placing it sets its style) are not the page's and must not wake us.
const observer = new MutationObserver((records) => {
  const own = buttonHost();
  if (records.some((r) => r.target !== own)) soon();
});

function soon(): void {
  timer ??= setTimeout(check, SETTLE_MS);
}

function watch(root: ShadowRoot): void {
  if (watched.has(root) || root.host === buttonHost()) return;
  watched.add(root);
  observer.observe(root, WATCH);
}

function check(): void {
  timer = null;
  const field = findField(watch);
  if (!field) {
    // Gone, or no longer a code field (the page now asks for a backup code): the offer goes too.
    if (offeredFor) {
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
  observer.observe(document, WATCH);
  addEventListener('load', soon);
  addEventListener('focusin', soon, true);
}
