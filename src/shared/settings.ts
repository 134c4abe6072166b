/**
 * Reading stored settings leniently, with defaults for anything missing: shared by the worker's store
 * and the popup, which reads `storage.local` itself at start so it need not wait for a stopped worker.
 */
import type { Settings } from './protocol';

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

export const BOOLEAN_SETTINGS = ['hideCodes', 'askOnStartup', 'pinNudgeDismissed', 'inlineButton', 'autoFill', 'keepPopupOpen', 'siteIcons'] as const;
export type BooleanSetting = (typeof BOOLEAN_SETTINGS)[number];
export const isBooleanSetting = (key: string): key is BooleanSetting => (BOOLEAN_SETTINGS as readonly string[]).includes(key);

/** Longest idle time on offer: a day. Fractions of a minute exist for tests that cannot wait. */
const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/** Longest clipboard delay on offer: 10 minutes (a code is long dead by then). */
const MAX_CLIPBOARD_SECONDS = 600;

export function isClipboardSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_CLIPBOARD_SECONDS;
}

export function isAutoLockMinutes(v: unknown): v is number {
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
