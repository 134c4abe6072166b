/** Where a background error belongs in a form: next to the field it is about, or above the buttons. */
import type { ErrorCode } from '../core/errors';
import { errorCodeOf, translateError } from '../shared/i18n';

const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  secret_missing: 'secret',
  secret_not_base32: 'secret',
  secret_too_short: 'secret',
  secret_too_long: 'secret',
  algorithm_unsupported: 'algorithm',
  digits_invalid: 'digits',
  period_invalid: 'period',
  counter_invalid: 'counter',
  name_missing: 'name',
  site_invalid: 'sites',
};

export interface FormErrorState {
  /** The field the error is about, or null for the whole form. */
  field: string | null;
  code: ErrorCode;
  message: string;
}

/**
 * Maps an error from the background to a field of a form that has `fields`. `text_too_long` names its
 * field in the detail when the background knows it. In link mode every error is about the link.
 */
export function formError(err: unknown, fields: readonly string[]): FormErrorState {
  const code = errorCodeOf(err);
  let field: string | null = FIELD_OF[code] ?? null;
  if (code === 'text_too_long' && typeof err === 'object' && err !== null && 'detail' in err) {
    const detail = String(err.detail);
    field = fields.find((f) => detail === f || detail.startsWith(`${f}:`) || detail.startsWith(`${f} `)) ?? null;
  }
  if (fields.includes('uri')) field = 'uri';
  else if (field !== null && !fields.includes(field)) field = null;
  return { field, code, message: translateError(err) };
}

/** The message for `field`, if the error is about it. */
export function errorFor(state: FormErrorState | null, field: string | null): string | null {
  return state && state.field === field ? state.message : null;
}
