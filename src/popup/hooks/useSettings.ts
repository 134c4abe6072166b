import { useCallback, useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { Settings } from '../../shared/protocol';
import { readStartup } from '../startup';

let firstLoad: Promise<Settings> | null = null;

/** Asks for the settings before the first render (called from main.tsx), alongside the account list. */
export function prefetchSettings(): void {
  firstLoad ??= call('settings.get', null);
}

/** The user's settings as far as known; a missing one is off (the popup works if the background cannot answer). */
export function useSettings(): { settings: Partial<Settings>; loaded: boolean; update: (patch: Partial<Settings>) => Promise<void> } {
  const [settings, setSettings] = useState<Partial<Settings>>({});
  // Codes are not shown before this is true, so hidden codes never flash up while the popup opens.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let answered = false;
    // The stored settings (read directly, no worker needed) until the worker's answer replaces them.
    readStartup().then((startup) => {
      if (answered) return;
      setSettings(startup.settings);
      setLoaded(true);
    }, () => undefined);
    const pending = firstLoad ?? call('settings.get', null);
    firstLoad = null;
    pending
      .then((s) => {
        answered = true;
        setSettings(s);
      }, () => undefined)
      .finally(() => setLoaded(true));
  }, []);
  const update = useCallback(async (patch: Partial<Settings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    setSettings(await call('settings.set', patch));
  }, []);
  return { settings, loaded, update };
}
