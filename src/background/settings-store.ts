/** User preferences (nothing secret) in `storage.local`, with defaults for anything missing. */
import { TwostepError } from '../core/errors';
import type { Settings } from '../shared/protocol';
import { DEFAULT_SETTINGS, isAutoLockMinutes, isBooleanSetting, isClipboardSeconds, parseSettings } from '../shared/settings';

// Re-exported: the worker and its tests keep reading them from here.
export { DEFAULT_SETTINGS, parseSettings };

export interface SettingsStore {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
}

/** Validates a settings change from a message strictly: a wrong type is an error, not a default. */
export function parseSettingsPatch(value: unknown): Partial<Settings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TwostepError('bad_request', 'expected an object');
  const patch: Partial<Settings> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isBooleanSetting(key)) {
      if (typeof v !== 'boolean') throw new TwostepError('bad_request', `${key} must be true or false`);
      patch[key] = v;
    } else if (key === 'autoLockMinutes') {
      if (!isAutoLockMinutes(v)) throw new TwostepError('bad_request', 'autoLockMinutes is out of range');
      patch.autoLockMinutes = v;
    } else if (key === 'clipboardClearSeconds') {
      if (!isClipboardSeconds(v)) throw new TwostepError('bad_request', 'clipboardClearSeconds is out of range');
      patch.clipboardClearSeconds = v;
    } else {
      throw new TwostepError('bad_request', `unexpected field ${key}`);
    }
  }
  return patch;
}
