/**
 * What a QR code read from a page means for enrolment (issue 4): one account (otpauth://), a batch
 * (Google Authenticator's otpauth-migration://), or something we refuse with a message that helps.
 */
import type { AccountInput } from '../account';
import { TwostepError } from '../errors';
import { parseMigrationUri } from '../migration/google-auth';
import { parseOtpauthUri } from '../otpauth-uri';

/**
 * Microsoft's "receive notifications" activation QR holds `phonefactor://activate_account?code=…&url=…`
 * (Microsoft Entra set-up instructions): push sign-in for Microsoft Authenticator only, no OTP secret.
 */
const MICROSOFT_PUSH = /^phonefactor:/i;

/**
 * Turns the text of a scanned QR code into accounts without sites. Throws `TwostepError`:
 * `qr_microsoft_push` for Microsoft's push activation, `qr_not_authenticator` for any other text that
 * is neither URI, and the URI parsers' own codes for a malformed otpauth or migration URI.
 */
export function accountsFromQrText(text: string): AccountInput[] {
  const trimmed = text.trim();
  if (MICROSOFT_PUSH.test(trimmed)) throw new TwostepError('qr_microsoft_push');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'otpauth') return [parseOtpauthUri(trimmed)];
  if (scheme === 'otpauth-migration' || /^[\w-]+:\s*otpauth-migration:\/\//i.test(trimmed)) return parseMigrationUri(trimmed);
  throw new TwostepError('qr_not_authenticator');
}
