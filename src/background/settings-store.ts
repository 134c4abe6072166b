/** User preferences (nothing secret) in `storage.local`, with defaults for anything missing. */
import { TwostepError } from '../core/errors';
import type { Settings } from '../shared/protocol';

export const DEFAULT_SETTINGS: Settings = {
  hideCodes: false,
  autoLockMinutes: 15,
  askOnStartup: false,
  pinNudgeDismissed: false,
  inlineButton: false,
  autoFill: false,
  keepPopupOpen: false,
  // Off: clearing needs the clipboard-read permission (to leave alone what the user copied since), asked for when turned on.
  clipboardClearSeconds: 0,
  siteIcons: false,
};

const BOOLEAN_SETTINGS = ['hideCodes', 'askOnStartup', 'pinNudgeDismissed', 'inlineButton', 'autoFill', 'keepPopupOpen', 'siteIcons'] as const;
type BooleanSetting = (typeof BOOLEAN_SETTINGS)[number];
const isBooleanSetting = (key: string): key is BooleanSetting => (BOOLEAN_SETTINGS as readonly string[]).includes(key);

export interface SettingsStore {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
}

/** Longest idle time on offer: a day. Fractions of a minute exist for tests that cannot wait. */
const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/** Longest clipboard delay on offer: 10 minutes (a code is long dead by then). */
const MAX_CLIPBOARD_SECONDS = 600;

function isClipboardSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_CLIPBOARD_SECONDS;
}

function isAutoLockMinutes(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_AUTO_LOCK_MINUTES;
}

/** Reads stored settings leniently: unknown or mistyped values fall back to the default. */
export function parseSettings(value: unknown): Settings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const bool = (key: BooleanSetting): boolean => (typeof v[key] === 'boolean' ? v[key] : DEFAULT_SETTINGS[key]);
  return {
    hideCodes: bool('hideCodes'),
    askOnStartup: bool('askOnStartup'),
    pinNudgeDismissed: bool('pinNudgeDismissed'),
    inlineButton: bool('inlineButton'),
    autoFill: bool('autoFill'),
    keepPopupOpen: bool('keepPopupOpen'),
    siteIcons: bool('siteIcons'),
    clipboardClearSeconds: isClipboardSeconds(v.clipboardClearSeconds) ? v.clipboardClearSeconds : DEFAULT_SETTINGS.clipboardClearSeconds,
    autoLockMinutes: isAutoLockMinutes(v.autoLockMinutes) ? v.autoLockMinutes : DEFAULT_SETTINGS.autoLockMinutes,
  };
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
