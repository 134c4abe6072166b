/**
 * The QR picker (issue 4), injected into a tab's top frame when the user asks for a scan. It finds
 * the element holding the code (offered at once when the visible page has exactly one, or the image
 * the user right-clicked), else lets the user click it; sends only the element's box to the worker,
 * which captures and reads the tab; shows the preview, and adds on confirmation. Esc cancels.
 */
import { TwostepError } from '../../core/errors';
import type { PageRect, ScanPreview } from '../../shared/protocol';
import { CandidateFinder, type Candidate } from './candidates';
import { FrameWatch } from './frames';
import { showMessage, showPreview, type PreviewChoice } from './cards';
import { call, errorText, openShadow, plural, t } from '../extension';
import { PickerUi } from './ui';
import { fillOtp, findOtpTarget } from '../otp-field';

interface Options {
  srcUrl?: string;
}

interface Scope {
  twostepScanOptions?: Options;
  twostepScanStop?: () => void;
}

const scope = globalThis as Scope;
const ARROW_STEP: Partial<Record<string, number>> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

function start(options: Options): void {
  // Injected again (the shortcut pressed twice): the newer picker replaces the older one.
  scope.twostepScanStop?.();
  const ui = new PickerUi();
  const finder = new CandidateFinder(openShadow, ui.host);
  let pending = false;
  let hovered: Candidate | null = null;
  let busy = false;
  // Keyboard picking (issue 12): Tab or the arrows walk the visible codes, Enter reads the chosen one.
  let picking = false;
  let chosen: Element | null = null;
  // Where the page's focus was, to give it back when the picker closes.
  const previous = document.activeElement;

  const stop = (): void => {
    if (pending) void call('scan.cancel', null).catch(() => undefined);
    pending = false;
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('scroll', onScroll, true);
    ui.destroy();
    if (previous instanceof HTMLElement && previous !== document.body && previous.isConnected) previous.focus({ preventScroll: true });
    if (scope.twostepScanStop === stop) delete scope.twostepScanStop;
  };
  scope.twostepScanStop = stop;

  const onKey = (e: KeyboardEvent): void => {
    const handled = (): void => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    if (e.key === 'Escape') {
      handled();
      stop();
    } else if (e.key === 'Tab' && ui.cycleFocus(e.shiftKey)) {
      // A card is open: focus stays inside it.
      handled();
    } else if (picking) {
      const step = e.key === 'Tab' ? (e.shiftKey ? -1 : 1) : ARROW_STEP[e.key];
      if (step !== undefined) {
        handled();
        choose(step);
      } else if (e.key === 'Enter' || e.key === ' ') {
        handled();
        const rect = chosen ? finder.visible().find((c) => c.element === chosen)?.rect : undefined;
        if (rect) void read(rect, true);
      }
    }
  };
  /** Moves the choice `step` codes on, in screen order, wrapping. */
  const choose = (step: number): void => {
    const all = finder.visible();
    if (all.length === 0) return;
    const at = all.findIndex((c) => c.element === chosen);
    const next = all[at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length];
    chosen = next?.element ?? null;
    hovered = next ?? null;
    ui.highlight(next?.rect ?? null);
  };
  const onScroll = (): void => {
    hovered = null;
    ui.highlight(null);
  };
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('scroll', onScroll, true);

  const pickMode = (): void => {
    ui.picking(finder.visible().length > 1 ? `${t('scan_hint')} ${t('scan_hint_keys')}` : t('scan_hint'), t('scan_dialog_label'));
    hovered = null;
    chosen = null;
    picking = true;
  };
  ui.pointerLayer.addEventListener('pointermove', (e) => {
    hovered = finder.at(e.clientX, e.clientY);
    ui.highlight(hovered?.rect ?? null);
  });
  ui.pointerLayer.addEventListener('click', (e) => {
    e.preventDefault();
    const target = finder.at(e.clientX, e.clientY);
    // A click beside any likely element still tries: the worker reads the whole tab then.
    void read(target?.rect ?? null, true);
  });

  const read = async (rect: PageRect | null, clicked: boolean): Promise<void> => {
    if (busy) return;
    busy = true;
    picking = false;
    try {
      await ui.hideForCapture();
      let preview: ScanPreview;
      let stable: boolean;
      try {
        // Where other sites' frames are painted, watched from before the capture until after it: a page
        // that moves one in or out meanwhile could put another site's code where the first look saw none.
        const watch = await FrameWatch.start(openShadow, ui.host, rect);
        try {
          const foreignFrames = { inBox: watch.inBox, inView: watch.inView };
          preview = await call('scan.pick', { rect, devicePixelRatio: window.devicePixelRatio, foreignFrames });
          pending = true;
          // One more painted frame, so a move made for the capture's frame has its entry computed.
          await new Promise((r) => requestAnimationFrame(r));
        } finally {
          stable = watch.finish(openShadow, ui.host);
        }
      } finally {
        ui.unhide();
      }
      if (!stable) {
        void call('scan.cancel', null).catch(() => undefined);
        pending = false;
        showMessage(ui, 'error', t('scan_page_changed'), null, stop, pickMode);
        return;
      }
      const existing = preview.existingId;
      const field = existing !== null ? findOtpTarget(document, { openShadow, deep: true }) : null;
      showPreview(ui, preview, (choice) => void confirm(preview, choice), stop, existing !== null && field ? () => void fillWith(existing, field) : null);
    } catch (err) {
      // Offered without a click and nothing readable there: let the user point at the code instead.
      if (!clicked && err instanceof TwostepError && err.code === 'qr_not_found') pickMode();
      else showMessage(ui, 'error', errorText(err), null, stop, pickMode);
    } finally {
      busy = false;
    }
  };

  /** Fills the page's code field with account `id`'s code (the worker checks it belongs to this site). */
  const fillWith = async (id: string, field: NonNullable<ReturnType<typeof findOtpTarget>>): Promise<void> => {
    try {
      const { code } = await call('fill.code', { id, asked: true });
      stop();
      fillOtp(field, code);
    } catch (err) {
      showMessage(ui, 'error', errorText(err), null, stop, null);
    }
  };

  const confirm = async (preview: ScanPreview, choice: PreviewChoice): Promise<void> => {
    try {
      const { added, duplicates, ids } = await call('scan.confirm', choice);
      pending = false;
      const single = preview.accounts.length === 1;
      const text =
        added === 0 && duplicates > 0
          ? t('scan_already')
          : single
            ? t('scan_added', [choice.issuer || (preview.accounts[0]?.issuer ?? ''), choice.name ?? preview.accounts[0]?.name ?? ''])
            : plural('scan_added_count', added) + (duplicates > 0 ? `. ${plural('scan_skipped', duplicates)}` : '');
      // The set-up page asks for the current code to finish: offer to fill it (the worker checks that
      // the account belongs to this page's site, as for any fill).
      // Only when the account was bound to this page: an unbound one has no page to fill.
      const field = ids.length === 1 && preview.site !== null ? findOtpTarget(document, { openShadow, deep: true }) : null;
      showMessage(ui, 'done', text, null, stop, null, field ? { label: t('scan_fill_code'), run: () => void fillWith(ids[0] ?? '', field) } : null);
    } catch (err) {
      // Locked vault or a lost preview: say so; "Try again" picks again, the preview stays until then.
      showMessage(ui, 'error', errorText(err), null, stop, pickMode);
    }
  };

  const srcMatch = options.srcUrl ? finder.visible().filter((c) => (c.element as HTMLImageElement).currentSrc === options.srcUrl) : [];
  const offer = srcMatch.length === 1 ? srcMatch : finder.visible();
  const only = offer.length === 1 ? offer[0] : undefined;
  if (only) {
    ui.status(t('scan_reading'));
    picking = false;
    void read(only.rect, false);
  } else {
    pickMode();
  }
}

start(scope.twostepScanOptions ?? {});
delete scope.twostepScanOptions;
