/** User preferences (nothing secret) in `storage.local`, with defaults for anything missing. */
import type { Settings } from '../shared/protocol';

export const DEFAULT_SETTINGS: Settings = { hideCodes: false };

export interface SettingsStore {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
}

/** Reads stored settings leniently: unknown or mistyped values fall back to the default. */
export function parseSettings(value: unknown): Settings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { hideCodes: typeof v.hideCodes === 'boolean' ? v.hideCodes : DEFAULT_SETTINGS.hideCodes };
}
