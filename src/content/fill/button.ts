/**
 * The small "Fill code" button beside a code field, in a closed shadow root: the page can neither
 * read nor restyle what is inside, and page text never becomes markup (textContent only).
 */
import type { OtpTarget } from '../otp-field';
import { t } from '../extension';

export interface AccountChoice {
  id: string;
  issuer: string;
  name: string;
}

export type ButtonView =
  | { kind: 'fill'; accounts: AccountChoice[]; open: boolean }
  | { kind: 'locked' }
  | { kind: 'lookalike'; site: string }
  | { kind: 'failed' };

export interface ButtonActions {
  fill: (id: string) => void;
  unlock: () => void;
}

const CSS = `:host{all:initial}
.box{font:13px/1.3 system-ui,sans-serif;display:inline-flex;flex-direction:column;align-items:stretch;gap:2px;
background:#fff;color:#1b1f24;border:1px solid #b9c0c8;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.25);padding:2px}
button{font:inherit;color:inherit;background:none;border:0;border-radius:4px;padding:4px 8px;cursor:pointer;text-align:left;white-space:nowrap}
button:hover,button:focus-visible{background:#e6effc;outline:2px solid #1a5fd0;outline-offset:-2px}
.main{font-weight:600;color:#0b57d0}
.warn{color:#fff;background:#b3261e;padding:4px 8px;border-radius:4px;font-weight:600}
.note{padding:4px 8px;color:#5f6368}`;

let host: HTMLElement | null = null;
let box: HTMLElement | null = null;
let target: OtpTarget | null = null;
let listening = false;

const accountText = (a: AccountChoice): string => [a.issuer, a.name].filter((s) => s !== '').join(' — ');

/** The box around the field (all boxes of a split field), in viewport coordinates. */
function fieldRect(of: OtpTarget): DOMRect | null {
  const inputs = of.kind === 'single' ? [of.input] : of.inputs;
  if (!inputs.every((el) => el.isConnected)) return null;
  const rects = inputs.map((el) => el.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  return new DOMRect(left, top, Math.max(...rects.map((r) => r.right)) - left, Math.max(...rects.map((r) => r.bottom)) - top);
}

/**
 * Just under the field, where a browser shows its own autofill suggestions (beside it, it would cover
 * the submit button many pages put there); above it when there is no room below.
 */
export function placeButton(): void {
  if (!host || !target) return;
  const r = fieldRect(target);
  if (!r || (r.width === 0 && r.height === 0)) {
    host.style.setProperty('display', 'none', 'important');
    return;
  }
  host.style.setProperty('display', 'block', 'important');
  const { clientWidth, clientHeight } = document.documentElement;
  const h = host.offsetHeight;
  const top = r.bottom + 4 + h > clientHeight && r.top - 4 - h >= 0 ? r.top - 4 - h : r.bottom + 4;
  const left = Math.min(r.left, clientWidth - host.offsetWidth);
  host.style.setProperty('left', `${Math.max(0, left)}px`, 'important');
  host.style.setProperty('top', `${Math.max(0, top)}px`, 'important');
}

let framePending = false;
const placeSoon = (): void => {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(() => {
    framePending = false;
    placeButton();
  });
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

/** A button that acts on real clicks only: a page cannot click it for the user. */
function action(cls: string, text: string, run: () => void): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    if (e.isTrusted) run();
  });
  return b;
}

function render(into: HTMLElement, view: ButtonView, actions: ButtonActions): void {
  into.replaceChildren();
  if (view.kind === 'lookalike') {
    into.append(el('div', 'warn', t('lookalike_warning', view.site)));
  } else if (view.kind === 'locked') {
    into.append(action('main', t('fill_inline_locked'), actions.unlock));
  } else if (view.kind === 'failed') {
    into.append(el('div', 'note', t('fill_inline_failed')));
  } else if (view.accounts.length === 1) {
    const only = view.accounts[0]!;
    into.append(action('main', t('fill_inline_one', accountText(only)), () => actions.fill(only.id)));
  } else {
    const toggle = action('main', t('fill_inline_choose'), () => render(into, { ...view, open: !view.open }, actions));
    toggle.setAttribute('aria-expanded', String(view.open));
    into.append(toggle);
    if (view.open) for (const a of view.accounts) into.append(action('item', accountText(a), () => actions.fill(a.id)));
  }
  placeSoon();
}

/** Shows the button for `field` (replacing any other); the page sees one element and nothing inside it. */
export function showButton(field: OtpTarget, view: ButtonView, actions: ButtonActions): void {
  target = field;
  if (!host || !host.isConnected) {
    host = document.createElement('twostep-fill');
    host.style.cssText =
      'all:initial !important;position:fixed !important;z-index:2147483647 !important;top:0;left:0;display:block !important';
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    box = el('div', 'box', '');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', t('extName'));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') hideButton();
    });
    shadow.append(style, box);
    document.documentElement.append(host);
  }
  if (!listening) {
    listening = true;
    addEventListener('scroll', placeSoon, { capture: true, passive: true });
    addEventListener('resize', placeSoon, { passive: true });
  }
  if (box) render(box, view, actions);
}

export function hideButton(): void {
  host?.remove();
  host = null;
  box = null;
  target = null;
}

/** The field the button is showing for, if any. */
export function buttonTarget(): OtpTarget | null {
  return host?.isConnected ? target : null;
}
