/**
 * The small "Fill code" button beside a code field, in a closed shadow root: the page can neither
 * read nor restyle what is inside, and page text never becomes markup (textContent only).
 *
 * A click counts only when the page cannot have faked or hidden the button (click-guard.ts). The host
 * sits in the top layer (a manual popover), above everything the page stacks by z-index.
 */
import type { OtpTarget } from '../otp-field';
import { guardClicks, type ClickGuard } from './click-guard';
import { t } from '../extension';
import { brandLine, BRAND_CSS } from '../brand';

export interface AccountChoice {
  id: string;
  issuer: string;
  name: string;
}

export type ButtonView = { kind: 'fill'; accounts: AccountChoice[]; open: boolean } | { kind: 'failed' };

export interface ButtonActions {
  fill: (id: string) => void;
}

const CSS = `:host{all:initial;--bg:#fff;--text:#1b1f24;--muted:#5f6368;--border:#b9c0c8;--hover:#e6effc;--accent:#0b57d0;--focus:#1a5fd0}
@media (prefers-color-scheme:dark){:host{--bg:#1f2226;--text:#e9ebee;--muted:#a8b0ba;--border:#4a4f57;--hover:#2b3340;--accent:#a9c3ff;--focus:#7ea6ff}}
.box{font:13px/1.3 system-ui,sans-serif;display:inline-flex;flex-direction:column;align-items:stretch;gap:2px;
background:var(--bg);color:var(--text);border:1px solid var(--border);border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.25);padding:2px}
button{font:inherit;color:inherit;background:none;border:0;border-radius:4px;padding:4px 8px;cursor:pointer;text-align:left;white-space:nowrap}
button:hover,button:focus-visible{background:var(--hover);outline:2px solid var(--focus);outline-offset:-2px}
.main{font-weight:600;color:var(--accent)}
.note{padding:4px 8px;color:var(--muted)}
.brand{padding:2px 8px 0;font-size:11px}` + BRAND_CSS;

let host: HTMLElement | null = null;
let shadow: ShadowRoot | null = null;
let box: HTMLElement | null = null;
let target: OtpTarget | null = null;
let listening = false;
let guard: ClickGuard | null = null;

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
 * the submit button many pages put there); above it when there is no room below. Always inside the
 * viewport: a field as tall as the window has no room either side, and a button below the bottom edge
 * is one no click reaches, so it then sits over the field's lower edge.
 */
export function placeButton(): void {
  if (!host || !target) return;
  const r = fieldRect(target);
  const { clientWidth, clientHeight } = document.documentElement;
  // No field, or scrolled out of view: a button clamped to the edge would float over something else.
  const offView = r !== null && (r.bottom < 0 || r.top > clientHeight || r.right < 0 || r.left > clientWidth);
  if (!r || (r.width === 0 && r.height === 0) || offView) {
    host.style.setProperty('visibility', 'hidden', 'important');
    return;
  }
  // The drawn size, rounded up: offsetWidth/Height round to the nearest pixel, and a button 28.19 px
  // tall placed by a rounded 28 would stick out of the viewport by the difference.
  const box = host.getBoundingClientRect();
  const [w, h] = [Math.ceil(box.width), Math.ceil(box.height)];
  const below = r.bottom + 4;
  const above = r.top - 4 - h;
  const top = below + h <= clientHeight ? below : above >= 0 ? above : clientHeight - h;
  const clamp = (v: number, max: number): number => Math.max(0, Math.min(v, max));
  host.style.setProperty('left', `${clamp(r.left, clientWidth - w)}px`, 'important');
  host.style.setProperty('top', `${clamp(top, clientHeight - h)}px`, 'important');
  host.style.setProperty('visibility', 'visible', 'important');
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

/** A button that acts on real clicks the user could see only: a page cannot click it, hide it, or cover it. */
function action(cls: string, text: string, run: () => void): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    void guard?.counts(e).then((ok) => ok && run());
  });
  return b;
}

function render(into: HTMLElement, view: ButtonView, actions: ButtonActions): void {
  // Twostep's icon and name on top, so the user knows what offers the code; the group's label says it to a screen reader.
  const brand = brandLine(t('manage_title'), 12);
  brand.setAttribute('aria-hidden', 'true');
  into.replaceChildren(brand);
  if (view.kind === 'failed') {
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
  // Placed now, not on the next animation frame: until then the host sits at the top left of the
  // viewport, where a click meant for the button (or a test reading its position) lands on the page.
  // Background tabs run no animation frames at all.
  placeButton();
}

/** Keys in the button (the key guard hands them over; the page never sees them): arrows move, Escape closes. */
export function buttonKey(key: string): void {
  if (!shadow || !box) return;
  if (key === 'Escape') {
    hideButton();
    return;
  }
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return;
  const buttons = Array.from(box.querySelectorAll('button'));
  const at = buttons.indexOf(shadow.activeElement as HTMLButtonElement);
  const next = buttons[(at + (key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
  next?.focus();
}

/** Shows the button for `field` (replacing any other); the page sees one element and nothing inside it. */
export function showButton(field: OtpTarget, view: ButtonView, actions: ButtonActions): void {
  target = field;
  if (!host || !host.isConnected) {
    host = document.createElement('twostep-fill');
    host.style.cssText =
      // Hidden until placed (placeButton): never drawn first at the top left and then moved.
      'all:initial !important;position:fixed !important;z-index:2147483647 !important;top:0;left:0;display:block !important;' +
      'visibility:hidden !important;' +
      'margin:0 !important;inset:auto !important;overflow:visible !important';
    shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    box = el('div', 'box', '');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', t('extName'));
    // Bubbling listeners of the page never see what is typed here (capture listeners: see key-guard.ts).
    for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'focusin', 'focusout'] as const) {
      box.addEventListener(type, (e) => {
        e.stopPropagation();
        if (e instanceof KeyboardEvent && e.type === 'keydown') buttonKey(e.key);
      });
    }
    shadow.append(style, box);
    document.documentElement.append(host);
    // The top layer: above every element the page stacks, whatever its z-index or stacking context.
    host.popover = 'manual';
    try {
      host.showPopover();
    } catch {
      // An older browser without popovers: the fixed position and z-index still apply.
    }
    guard = guardClicks(host, box);
  }
  if (!listening) {
    listening = true;
    addEventListener('scroll', placeSoon, { capture: true, passive: true });
    addEventListener('resize', placeSoon, { passive: true });
  }
  if (box) render(box, view, actions);
}

export function hideButton(): void {
  guard?.stop();
  guard = null;
  host?.remove();
  host = null;
  shadow = null;
  box = null;
  target = null;
}

/** The field the button is showing for, if any. */
export function buttonTarget(): OtpTarget | null {
  return host?.isConnected ? target : null;
}

/** The button's host element while it is shown (what the page sees of it). */
export function buttonHost(): HTMLElement | null {
  return host?.isConnected ? host : null;
}
