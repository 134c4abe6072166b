import { render } from 'preact';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';
import { prefetchAccounts } from './hooks/useAccounts';
import { prefetchSettings } from './hooks/useSettings';
import { prefetchVaultState } from './hooks/useVault';
import { readStartup } from './startup';

// Lock state first, so a locked vault shows its unlock screen without waiting for the list to fail.
// What storage holds comes first of all: with a stopped worker it paints long before any answer.
void readStartup().catch(() => undefined);
prefetchVaultState();
prefetchAccounts();
prefetchSettings();

document.documentElement.lang = uiLanguage();
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<App />, root);
