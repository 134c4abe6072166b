/**
 * Every error that can reach a user, by code. Each code has a message `error_<code>` in every
 * `public/_locales/<lang>/messages.json`, so errors are data in `core/` and translated at the edge.
 * Detail strings never contain a secret.
 */
export const ERROR_CODES = [
  // otpauth:// URIs and account input
  'uri_not_otpauth',
  'uri_malformed',
  'uri_kind_unknown',
  'uri_label_missing',
  'uri_issuer_mismatch',
  'uri_param_duplicate',
  'secret_missing',
  'secret_not_base32',
  'secret_too_short',
  'secret_too_long',
  'algorithm_unsupported',
  'digits_invalid',
  'period_invalid',
  'counter_invalid',
  'text_too_long',
  'name_missing',
  'site_invalid',
  'migration_malformed',
  'migration_empty',
  // files from other authenticators (src/core/import)
  'wrong_password',
  'import_empty',
  'import_too_large',
  'import_unknown_format',
  'import_malformed',
  'import_kdf_too_costly',
  'import_phone_database',
  'import_zip',
  'import_image',
  'import_encrypted_unsupported',
  'migration_batch_missing',
  // Twostep's own backups (src/core/backup)
  'backup_damaged',
  'backup_newer',
  'backup_password_weak',
  // QR codes read from a page (issue 4)
  'qr_not_found',
  'qr_not_authenticator',
  'qr_microsoft_push',
  'qr_page_unavailable',
  // vault
  'vault_locked',
  'pin_wrong',
  'pin_throttled',
  'pin_invalid',
  'passphrase_invalid',
  'pin_required',
  'pin_needed',
  'vault_corrupted',
  'record_tampered',
  'account_not_found',
  'account_duplicate',
  'storage_failed',
  'hotp_rate_limited',
  // automatic backups (src/background/backup)
  'backup_no_permission',
  'backup_write_failed',
  'backup_key_missing',
  // messaging
  'bad_request',
  'forbidden',
  'unknown_method',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Numbers a message may need: wrong-PIN count and when the next try is allowed. */
export interface ErrorInfo {
  failures?: number;
  retryAt?: number;
}

/** An error a user can understand: a code, plus an optional non-secret detail for the message. */
export class TwostepError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly info: ErrorInfo | undefined;

  constructor(code: ErrorCode, detail?: string, info?: ErrorInfo) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.name = 'TwostepError';
    this.code = code;
    this.detail = detail;
    this.info = info;
  }
}

/** True when `value` is one of our error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
