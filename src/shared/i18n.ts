/**
 * Every visible string goes through `t`, so each one has a message in every
 * `public/_locales/<lang>/messages.json` and nothing English leaks into another language.
 */
import browser from 'webextension-polyfill';
import { isErrorCode, TwostepError, type ErrorCode } from '../core/errors';
import { pluralMessage } from './plural';
import { unsupportedAlgorithmName } from '../core/error-detail';

/** The message `key` in the browser's UI language; placeholders take `substitutions` in order. */
export function t(key: string, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  // An empty string means the key is missing: show the key, so the gap is visible and a test can catch it.
  return message === '' ? key : message;
}

/** A count's message (`<key>_one`, `<key>_other`, see plural.ts); `count` is its first placeholder. */
export function plural(key: string, count: number, substitutions: string[] = []): string {
  return pluralMessage((k, subs) => browser.i18n.getMessage(k, subs), uiLanguage(), key, count, substitutions);
}

/** A sentence for the user about what went wrong: `error_<code>` for our errors, else `error_internal`. */
export function translateError(err: unknown): string {
  const code = errorCodeOf(err);
  // Say which algorithm, and nothing to "choose": a scanned or pasted code offers no choice (issue 12).
  if (code === 'algorithm_unsupported') return algorithmText(t, err);
  return t(`error_${code}`);
}

/** The error code of `err` when it is one of ours (a `TwostepError`, or a reply's `{code}`), else 'internal'. */
export function errorCodeOf(err: unknown): ErrorCode {
  if (err instanceof TwostepError) return err.code;
  if (typeof err === 'object' && err !== null && 'code' in err && isErrorCode(err.code)) return err.code;
  return 'internal';
}

/** The browser's UI language as a BCP 47 tag, for `<html lang>`. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** The unsupported-algorithm sentence, naming the algorithm when the error's detail does. */
export function algorithmText(translate: (key: string, subs?: string) => string, err: unknown): string {
  const detail = typeof err === 'object' && err !== null && 'detail' in err && typeof err.detail === 'string' ? err.detail : undefined;
  const name = unsupportedAlgorithmName(detail);
  return name ? translate('error_algorithm_named', name) : translate('error_algorithm_unknown');
}
