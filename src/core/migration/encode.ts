/**
 * Writing Google Authenticator "Transfer accounts" links: the inverse of google-auth.ts. A
 * `MigrationPayload` (field numbers as in Aegis's google_auth.proto and scito/extract_otp_secrets)
 * holds `otp_parameters` (1), `version` (2), `batch_size` (3), `batch_index` (4) and `batch_id` (5).
 * Only accounts the format can describe exactly may be passed: see `migrationProblems`.
 */
import type { AccountInput, HashAlgorithm } from '../account';
import { decodeBase32 } from '../base32';
import { TwostepError } from '../errors';
import { MessageWriter } from './protobuf-write';

/** Google Authenticator writes version 1; Aegis and 2FAS read it. */
const PAYLOAD_VERSION = 1;

const ALGORITHM: Record<HashAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS: ReadonlyMap<number, number> = new Map([
  [6, 1],
  [8, 2],
]);
const TYPE = { hotp: 1, totp: 2 } as const;

/** Which QR code of a multi-code export this payload is. `id` is shared by every code of one export. */
export interface BatchInfo {
  size: number;
  index: number;
  /** A non-negative int32 (negative ones cost ten bytes on the wire). */
  id: number;
}

/** One account as `OtpParameters`; throws `TwostepError` for what the format cannot carry. */
function otpParameters(account: AccountInput): Uint8Array {
  const digits = DIGITS.get(account.digits);
  if (account.kind === 'steam' || digits === undefined || (account.kind === 'totp' && account.period !== 30)) {
    // Never written approximately: an app would then show codes that look right and never work.
    throw new TwostepError('bad_request', 'not representable in a transfer code');
  }
  const message = new MessageWriter()
    .bytesField(1, decodeBase32(account.secret))
    .bytesField(2, labelName(account))
    .bytesField(3, account.issuer)
    .varint(4, ALGORITHM[account.algorithm])
    .varint(5, digits)
    .varint(6, TYPE[account.kind]);
  if (account.kind === 'hotp') message.varint(7, account.counter);
  return message.finish();
}

/**
 * Readers (ours, Aegis's) take a name "Prefix:rest" as issuer and name when the prefix is the issuer
 * or the issuer is empty, as an otpauth label. A name that would be split so gets its issuer put in
 * front, and reads back whole; any other name is written as it is.
 */
function labelName({ issuer, name }: AccountInput): string {
  const colon = name.indexOf(':');
  const split = colon !== -1 && (issuer === '' || name.slice(0, colon).trim() === issuer);
  return split ? `${issuer}:${name}` : name;
}

/** The protobuf `MigrationPayload` of one batch. */
export function encodeMigrationPayload(accounts: readonly AccountInput[], batch: BatchInfo): Uint8Array {
  const payload = new MessageWriter();
  for (const account of accounts) payload.bytesField(1, otpParameters(account));
  return payload.varint(2, PAYLOAD_VERSION).varint(3, batch.size).varint(4, batch.index).varint(5, batch.id).finish();
}

/**
 * One batch as an `otpauth-migration://offline?data=` link: padded standard base64, percent-encoded
 * ('+', '/' and '=' as %2B, %2F, %3D), as Google Authenticator writes it.
 */
export function formatMigrationUri(accounts: readonly AccountInput[], batch: BatchInfo): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Padded(encodeMigrationPayload(accounts, batch)))}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Padded(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < 4; c++) out += c < chars ? BASE64[(n >>> (18 - 6 * c)) & 63] : '=';
  }
  return out;
}
