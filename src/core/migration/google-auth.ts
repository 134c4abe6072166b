/**
 * Google Authenticator's "Transfer accounts" QR codes: `otpauth-migration://offline?data=<base64>`,
 * where the base64 holds a protobuf `MigrationPayload` (field numbers as published in Aegis's
 * google_auth.proto and scito/extract_otp_secrets). One QR carries a batch of up to ten accounts.
 */
import type { AccountInput, HashAlgorithm, OtpKind } from '../account';
import { parseAccountInput } from '../account-input';
import { encodeBase32 } from '../base32';
import { TwostepError } from '../errors';
import type { Field } from './protobuf';
import { readFields, readString, toSigned64, WIRE } from './protobuf';
import { base64 } from '../import/bytes';

/** A QR code holds at most 2,953 bytes; anything far longer is not one of these. */
const MAX_URI_LENGTH = 16 * 1024;

const SCHEME = 'otpauth-migration://';

/** OtpParameters.Algorithm: 0 unspecified and 1 are SHA-1; 4 is MD5, which no OTP app computes. */
const ALGORITHMS: ReadonlyMap<number, HashAlgorithm> = new Map([
  [0, 'SHA1'],
  [1, 'SHA1'],
  [2, 'SHA256'],
  [3, 'SHA512'],
]);
/** OtpParameters.DigitCount: 0 unspecified, 1 six, 2 eight. */
const DIGITS: ReadonlyMap<number, number> = new Map([
  [0, 6],
  [1, 6],
  [2, 8],
]);
/** OtpParameters.OtpType: 1 HOTP, 2 TOTP; unspecified is read as TOTP, like the other unspecified enums. */
const KINDS: ReadonlyMap<number, OtpKind> = new Map([
  [0, 'totp'],
  [1, 'hotp'],
  [2, 'totp'],
]);

/**
 * Parses a Google Authenticator export URI into validated accounts (no sites; period 30, which the
 * payload never carries). Throws `TwostepError`: `uri_not_otpauth` for other text, `migration_malformed`
 * for bad base64 or protobuf, `migration_empty` for a batch without accounts, and the account codes
 * (`algorithm_unsupported`, `secret_too_short`, ...) with the account's position for a bad entry.
 */
export function parseMigrationUri(text: string): AccountInput[] {
  if (text.length > MAX_URI_LENGTH) {
    throw new TwostepError('migration_malformed', 'too long');
  }
  const payload = decodeBase64(dataParam(text));
  const accounts: AccountInput[] = [];
  for (const field of readFields(payload)) {
    if (field.number === 1) {
      expectWireType(field, WIRE.bytes);
      accounts.push(parseOtpParameters(field.bytes, accounts.length + 1));
    }
    // version, batch_size, batch_index, batch_id and newer fields say nothing about the accounts.
  }
  if (accounts.length === 0) {
    throw new TwostepError('migration_empty');
  }
  return accounts;
}

/**
 * The `data` value, percent-decoded. scito/extract_otp_secrets accepts a label some QR apps put
 * before the scheme ("QR-Code:otpauth-migration://..."), and so do we: the payload is validated anyway.
 */
function dataParam(text: string): string {
  const trimmed = text.trim();
  const start = trimmed.toLowerCase().indexOf(SCHEME);
  // Only a one-word label ending in ':' may come first: "NOT A otpauth-migration:// URL" is not one.
  if (start === -1 || !/^(?:[\w-]+:\s*)?$/.test(trimmed.slice(0, start))) {
    throw new TwostepError('uri_not_otpauth');
  }
  const uri = trimmed.slice(start);
  const query = uri.split('#', 1)[0]?.split('?')[1] ?? '';
  const values = query
    .split('&')
    .filter((part) => part.slice(0, 5).toLowerCase() === 'data=')
    .map((part) => part.slice(5));
  if (values.length !== 1 || values[0] === '') {
    throw new TwostepError('migration_malformed', values.length > 1 ? 'data repeated' : 'no data');
  }
  try {
    // Not form-decoding: Google writes '+' as %2B, but a copy that skipped the percent-encoding still
    // means '+' (base64 has no spaces), so a literal '+' is kept (extract_otp_secrets' "plus problem").
    return decodeURIComponent(values[0] ?? '');
  } catch {
    throw new TwostepError('migration_malformed', 'percent-encoding');
  }
}

/** Standard or URL-safe base64, padding optional; a space is a '+' that a form decoder turned into one. */
function decodeBase64(text: string): Uint8Array {
  return base64(text.replace(/ /g, '+'), 'migration_malformed');
}

function parseOtpParameters(message: Uint8Array, position: number): AccountInput {
  let secret: Uint8Array = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const field of readFields(message)) {
    switch (field.number) {
      case 1:
        secret = expectWireType(field, WIRE.bytes).bytes;
        break;
      case 2:
        name = readString(expectWireType(field, WIRE.bytes).bytes);
        break;
      case 3:
        issuer = readString(expectWireType(field, WIRE.bytes).bytes);
        break;
      case 4:
        algorithm = enumValue(field);
        break;
      case 5:
        digits = enumValue(field);
        break;
      case 6:
        type = enumValue(field);
        break;
      case 7:
        counter = toSigned64(expectWireType(field, WIRE.varint).varint);
        break;
      default:
        break;
    }
  }
  const at = `account ${position}`;
  const hash = ALGORITHMS.get(algorithm);
  if (hash === undefined) {
    throw new TwostepError('algorithm_unsupported', `${at}: ${algorithm === 4 ? 'MD5' : String(algorithm)}`);
  }
  const digitCount = DIGITS.get(digits);
  if (digitCount === undefined) {
    throw new TwostepError('digits_invalid', at);
  }
  const kind = KINDS.get(type);
  if (kind === undefined) {
    throw new TwostepError('uri_kind_unknown', at);
  }
  if (kind === 'hotp' && (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new TwostepError('counter_invalid', at);
  }
  const label = splitName(name.trim(), issuer.trim());
  try {
    return parseAccountInput({
      kind,
      issuer: label.issuer,
      name: label.name,
      secret: encodeBase32(secret),
      algorithm: hash,
      digits: digitCount,
      counter: kind === 'hotp' ? Number(counter) : 0,
      sites: [],
    });
  } catch (error) {
    if (error instanceof TwostepError) {
      // Say which account of the batch is wrong; the detail never holds the secret.
      throw new TwostepError(error.code, error.detail === undefined ? at : `${at}: ${error.detail}`, error.info);
    }
    throw error;
  }
}

/**
 * Google writes the name as the otpauth label, so it may be "Issuer:account". As `parseOtpauthUri`
 * does with a label, the prefix is the issuer when the issuer field is empty or says the same; a
 * different prefix is kept as part of the name rather than guessed away.
 */
function splitName(name: string, issuer: string): { issuer: string; name: string } {
  const colon = name.indexOf(':');
  if (colon === -1) {
    return { issuer, name };
  }
  const prefix = name.slice(0, colon).trim();
  if (issuer === '' || prefix === issuer) {
    return { issuer: prefix, name: name.slice(colon + 1).trim() };
  }
  return { issuer, name };
}

function expectWireType(field: Field, wireType: number): Field {
  if (field.wireType !== wireType) {
    throw new TwostepError('migration_malformed', `field ${field.number} wire type`);
  }
  return field;
}

function enumValue(field: Field): number {
  // Enums are int32 varints; a value beyond that range is not any of ours.
  const value = toSigned64(expectWireType(field, WIRE.varint).varint);
  return value >= 0n && value <= 0x7fff_ffffn ? Number(value) : -1;
}
