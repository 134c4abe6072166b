import { useCallback, useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { Settings } from '../../shared/protocol';
import { knownStartup } from '../startup';

let firstLoad: Promise<Settings> | null = null;

/** Asks for the settings before the first render (called from main.tsx), alongside the account list. */
export function prefetchSettings(): void {
  firstLoad ??= call('settings.get', null);
}

/** The user's settings as far as known; a missing one is off (the popup works if the background cannot answer). */
export function useSettings(): { settings: Partial<Settings>; loaded: boolean; update: (patch: Partial<Settings>) => Promise<void> } {
  // The stored settings (read directly before the first render, no worker needed) until the worker's
  // answer replaces them. Codes are not shown before `loaded`, so hidden codes never flash up.
  const [settings, setSettings] = useState<Partial<Settings>>(() => knownStartup()?.settings ?? {});
  const [loaded, setLoaded] = useState(() => knownStartup() !== null);
  useEffect(() => {
    const pending = firstLoad ?? call('settings.get', null);
    firstLoad = null;
    pending.then(setSettings, () => undefined).finally(() => setLoaded(true));
  }, []);
  const update = useCallback(async (patch: Partial<Settings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    setSettings(await call('settings.set', patch));
  }, []);
  return { settings, loaded, update };
}
