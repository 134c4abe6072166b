/**
 * The full-tab page (also the options page) for the jobs that do not fit the popup: import, backup and
 * restore, export, settings and the account list with room to breathe. Its code is bundled only here,
 * so nothing on it weighs on the popup or the worker.
 */
import { render } from 'preact';
import { t, uiLanguage } from '../shared/i18n';
import { App } from './App';

document.documentElement.lang = uiLanguage();
document.title = `${t('manage_title')} · ${t('extName')}`;
const root = document.getElementById('app');
if (root) render(<App />, root);
