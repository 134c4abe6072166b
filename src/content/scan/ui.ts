/**
 * The picker's in-page UI, in a closed shadow root the page can neither read nor restyle: a slight dim
 * with the hint while picking, a frame around the element under the pointer, and a card for the
 * preview and the result. The host sits in the top layer (a manual popover) above the page's own
 * stacking. Text from the QR code only ever goes in through `textContent`.
 */
import type { PageRect } from '../../shared/protocol';
import { BRAND_CSS, brandLine } from '../brand';
import { t } from '../extension';

const CSS = `
:host{all:initial;--bg:#fff;--text:#1b1b1f;--muted:#555;--border:#8a8f98;--button:#f4f4f6;--accent:#1a56db;--accent-text:#fff;
 --warn:#8a4b00;--error:#a10000;--hint-bg:#1b1b1f;--hint-text:#fff;--halo:rgba(255,255,255,.7)}
@media (prefers-color-scheme:dark){:host{--bg:#1f2226;--text:#e9ebee;--muted:#a8b0ba;--border:#6b717a;--button:#2b2f35;--accent:#7ea6ff;
 --accent-text:#0b1730;--warn:#f0b65a;--error:#ff8a85;--hint-bg:#e9ebee;--hint-text:#15181d;--halo:rgba(0,0,0,.6)}}
*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif;color:var(--text)}
.dim{position:fixed;inset:0;background:rgba(0,0,0,.14);cursor:crosshair;pointer-events:auto}
.frame{position:fixed;border:3px solid var(--accent);border-radius:4px;box-shadow:0 0 0 4px var(--halo);pointer-events:none}
.hint{position:fixed;top:12px;left:50%;transform:translateX(-50%);background:var(--hint-bg);color:var(--hint-text);padding:8px 14px;border-radius:8px;
 box-shadow:0 2px 10px rgba(0,0,0,.3);pointer-events:none}
.card{position:fixed;top:12px;right:12px;width:min(340px,calc(100vw - 24px));max-height:calc(100vh - 24px);overflow:auto;
 background:var(--bg);color-scheme:light dark;border-radius:12px;padding:16px;box-shadow:0 4px 24px rgba(0,0,0,.3);pointer-events:auto}
.brand{margin:0 0 10px;font-size:13px}.brand,.brand *{color:var(--muted);font-weight:600}
h2{font-size:16px;font-weight:600;margin:0 0 12px}
label{display:block;margin:8px 0 2px;color:var(--muted);font-size:12px}
input{width:100%;padding:6px 8px;border:1px solid var(--border);border-radius:6px;background:var(--bg)}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:10px 0}dt{color:var(--muted)}dd{margin:0}
ul{margin:8px 0;padding-left:18px;max-height:160px;overflow:auto}
p{margin:8px 0}.site{font-weight:600}.note{color:var(--muted)}.warn{color:var(--warn);font-weight:600}
label.check{display:flex;gap:8px;align-items:flex-start;margin:8px 0;color:var(--text);font-size:14px}
label.check input{width:auto;margin:3px 0 0}
.error{color:var(--error)}
.buttons{display:flex;gap:8px;justify-content:flex-end;margin-top:14px}
button{padding:6px 14px;border-radius:6px;border:1px solid var(--border);background:var(--button);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-text)}
button:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
` + BRAND_CSS;

const IMPORTANT_HOST =
  'all:initial!important;position:fixed!important;inset:0!important;width:100vw!important;height:100vh!important;' +
  'margin:0!important;border:0!important;padding:0!important;background:transparent!important;overflow:visible!important;' +
  'z-index:2147483647!important;pointer-events:none!important;display:block!important';

export class PickerUi {
  readonly host: HTMLElement = document.createElement('twostep-scan');
  private readonly root: ShadowRoot;
  private readonly dim = div('dim');
  private readonly frame = div('frame', undefined, 'scan-frame');
  private readonly hint = div('hint', undefined, 'scan-hint');
  private card: HTMLElement | null = null;

  constructor() {
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    this.root.append(style);
    this.host.setAttribute('style', IMPORTANT_HOST);
    this.host.popover = 'manual';
    document.documentElement.append(this.host);
    this.host.showPopover();
  }

  /** The dim layer receives the pointer while picking, so the page never sees those clicks. */
  get pointerLayer(): HTMLElement {
    return this.dim;
  }

  /** `label` names the layer that holds focus while picking, so keys go to us and not to the page. */
  picking(hint: string, label: string): void {
    this.closeCard();
    this.hint.textContent = hint;
    this.hint.setAttribute('role', 'status');
    this.dim.tabIndex = -1;
    this.dim.setAttribute('role', 'dialog');
    this.dim.setAttribute('aria-label', label);
    this.root.append(this.dim, this.frame, this.hint);
    this.highlight(null);
    this.dim.focus({ preventScroll: true });
  }

  /** Only the hint, e.g. "Reading the QR code…", with nothing dimmed. */
  status(text: string): void {
    this.closeCard();
    this.dim.remove();
    this.frame.remove();
    this.hint.textContent = text;
    this.root.append(this.hint);
  }

  highlight(rect: PageRect | null): void {
    this.frame.style.display = rect ? 'block' : 'none';
    if (!rect) return;
    Object.assign(this.frame.style, { left: `${rect.x - 3}px`, top: `${rect.y - 3}px`, width: `${rect.width + 6}px`, height: `${rect.height + 6}px` });
  }

  /** Takes the whole UI off the screen for the capture; resolves once a frame without it is painted. */
  async hideForCapture(): Promise<void> {
    this.host.style.setProperty('visibility', 'hidden', 'important');
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  }

  unhide(): void {
    this.host.style.setProperty('visibility', 'visible', 'important');
  }

  /** Replaces whatever is shown with a card (a form, so Enter submits); returns it for filling. */
  showCard(state: string, label: string): HTMLFormElement {
    this.dim.remove();
    this.frame.remove();
    this.hint.remove();
    this.closeCard();
    // The dialog is a plain box around the form: `role="dialog"` on the <form> would hide that it is one.
    const card = document.createElement('div');
    card.className = 'card';
    card.dataset.testid = 'scan-card';
    card.dataset.state = state;
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', label);
    const form = document.createElement('form');
    card.append(brandLine(t('manage_title')), form);
    this.root.append(card);
    this.card = card;
    return form;
  }

  /**
   * Keeps Tab inside the open card (issue 12): focus moves to the card's next control, or its previous
   * one, wrapping round. False when no card is open.
   */
  cycleFocus(back: boolean): boolean {
    if (!this.card) return false;
    const controls = [...this.card.querySelectorAll<HTMLElement>('input, button, select, textarea, a[href]')].filter(
      (c) => !(c as HTMLButtonElement).disabled,
    );
    if (controls.length === 0) return true;
    const at = controls.indexOf(this.root.activeElement as HTMLElement);
    const next = at < 0 ? (back ? controls.length - 1 : 0) : (at + (back ? -1 : 1) + controls.length) % controls.length;
    controls[next]?.focus();
    return true;
  }

  destroy(): void {
    this.host.remove();
  }

  private closeCard(): void {
    this.card?.remove();
    this.card = null;
  }
}

export function div(className: string, text?: string, testid?: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className = className;
  if (text !== undefined) el.textContent = text;
  if (testid) el.setAttribute('data-testid', testid);
  return el;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, testid?: string): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (testid) node.setAttribute('data-testid', testid);
  return node;
}
