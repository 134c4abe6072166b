import { render } from 'preact';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';
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
    // Nothing to paint from storage: the worker decides, so ask it now. Otherwise the hooks ask it
    // after the first paint (their effects): a stopped worker then starts without competing with it
    // for the machine's cores.
    if (startup === null || startup.paint.kind === 'wait') {
      prefetchVaultState();
      prefetchAccounts();
      prefetchSettings();
    }
    const root = document.getElementById('app');
    if (root) render(<App />, root);
    forgetStartup();
  });
