import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { t } from '../shared/i18n';
import type { VaultState } from '../shared/protocol';
import { onVaultLocked } from '../shared/vault-events';
import { LockedView } from '../popup/components/LockedView';
import { AccountsSection } from './accounts/AccountsSection';
import { BackupSection } from './backup/BackupSection';
import { ExportSection } from './export/ExportSection';
import { ImportSection } from './import/ImportSection';
import { SECTIONS, sectionOf, type Section } from './sections';
import { SettingsSection } from './settings/SettingsSection';

/** The clock the page shows time-dependent things with; once a second is enough here. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function App() {
  const now = useNow();
  const [section, setSection] = useState<Section>(sectionOf(location.hash));
  const [vault, setVault] = useState<VaultState | null>(null);
  useEffect(() => {
    const onHash = (): void => setSection(sectionOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    call('vault.state', null).then(setVault, () => undefined);
    // Locked while open: show the unlock field again, and every section (with what it held) goes.
    return onVaultLocked(() => setVault((state) => (state ? { ...state, locked: true } : state)));
  }, []);

  if (vault === null) return <main class="page" aria-busy="true" />;
  if (vault.locked) {
    return (
      <main class="page locked" data-testid="manage-locked">
        <h1>{t('manage_title')}</h1>
        <div class="locked-card">
          <LockedView vault={vault} now={now} onUnlocked={(state) => Promise.resolve(setVault(state))} />
        </div>
      </main>
    );
  }
  return (
    <div class="page">
      <header class="page-header">
        <h1>{t('manage_title')}</h1>
        <nav aria-label={t('manage_sections')}>
          <ul>
            {SECTIONS.map((name) => (
              <li key={name}>
                <a href={`#${name}`} data-testid={`nav-${name}`} aria-current={name === section ? 'page' : undefined}>
                  {t(`manage_${name}_title`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main data-testid={`section-${section}`}>
        {section === 'accounts' && <AccountsSection />}
        {section === 'import' && <ImportSection />}
        {section === 'backup' && <BackupSection />}
        {section === 'export' && <ExportSection />}
        {section === 'settings' && <SettingsSection vault={vault} now={now} onVault={setVault} />}
      </main>
    </div>
  );
}
