import { render } from 'preact';
import { holdCalls } from '../shared/client';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';
import { firstPaint, PAINT_BOUND_MS } from './first-paint';
import { loadViews } from './lazy-views';
import { prefetchAccounts } from './hooks/useAccounts';
import { prefetchSettings } from './hooks/useSettings';
import { prefetchVaultState } from './hooks/useVault';
import { forgetStartup, readStartup } from './startup';


// Read by bench/popup-phases.ts: every module of the popup is loaded and evaluated.
performance.mark('twostep:main-start');
document.documentElement.lang = uiLanguage();
document.title = t('extName');

// The first render waits for what storage holds (started by public/popup-early.js, a few ms), so it
// shows the codes or the PIN pad at once instead of an empty frame and a second render.
void readStartup()
  .catch(() => null)
  .then((startup) => {
    // Nothing to paint from storage: the worker decides, so ask it now. Otherwise the hooks' effects
    // ask it, held until the first frame is drawn: a stopped worker then starts without competing with
    // that frame for the machine's cores (effects alone run before the frame is drawn).
    if (startup === null || startup.paint.kind === 'wait') {
      prefetchVaultState();
      prefetchAccounts();
      prefetchSettings();
    } else holdCalls(firstPaint(PAINT_BOUND_MS));
    const root = document.getElementById('app');
    if (root) render(<App />, root);
    forgetStartup();
    // The other views, once the first screen is drawn and the page is idle: ready before any click.
    void firstPaint(PAINT_BOUND_MS).then(() => requestIdleCallback(() => void loadViews(), { timeout: 1000 }));
  });
