/**
 * Keeps what is typed into Twostep's in-page UI from the page's own listeners. Inside the closed
 * shadow root the button stops key, input and focus events from bubbling out (button.ts), which covers
 * the page's bubbling listeners. A page's capture listeners on `window` or `document` run before any
 * listener inside the shadow root, though, so the registered inline script installs this guard at
 * `document_start`, before any page script can register one: listeners on the same target run in the
 * order they were added, and this one stops the event at once (`stopImmediatePropagation`) when it is
 * headed for our host, then handles the key itself. A script injected later (shortcut, context menu)
 * installs it too, but then a page's earlier window capture listeners still see those keys (the key
 * names only: Tab, arrows, Enter, Escape; never a code).
 */
import { buttonHost, buttonKey } from './button';

const TYPES = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'focus', 'blur', 'focusin', 'focusout'] as const;
const FLAG = 'twostepKeyGuard';

export function installKeyGuard(): void {
  const g = globalThis as { [FLAG]?: boolean };
  if (g[FLAG]) return;
  g[FLAG] = true;
  for (const type of TYPES) {
    addEventListener(
      type,
      (e) => {
        const host = buttonHost();
        if (!host || !e.composedPath().includes(host)) return;
        e.stopImmediatePropagation();
        // Stopped before it reached the button, so the button's own key handling runs here. Enter and
        // Space still press the focused button: that is the browser's default action, not a listener.
        if (e instanceof KeyboardEvent && e.type === 'keydown') buttonKey(e.key);
      },
      { capture: true },
    );
  }
}
