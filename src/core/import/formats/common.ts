/**
 * The one way every format turns its fields into an account: through `parseAccountInput`, so an
 * imported account is validated exactly like a typed one. Missing fields get the Key URI Format
 * defaults there; an unknown algorithm or a missing secret is an error, which the collector lists.
 */
import type { AccountInput, OtpKind } from '../../account';
import { parseAccountInput } from '../../account-input';
import { encodeBase32 } from '../../base32';
import { TwostepError } from '../../errors';

/** An entry's fields as a format read them, before validation. */
export interface RawAccount {
  kind: OtpKind;
  issuer: string;
  name: string;
  /** Base32 text, or raw bytes for formats that store bytes. */
  secret: string | Uint8Array | undefined;
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
}

/** Validates one entry; an empty name takes the issuer, as the popup shows one line for both. */
export function toAccount(raw: RawAccount): AccountInput {
  if (raw.secret === undefined || raw.secret === '' || (raw.secret instanceof Uint8Array && raw.secret.length === 0)) {
    throw new TwostepError('secret_missing');
  }
  const name = raw.name.trim() !== '' ? raw.name : raw.issuer;
  return parseAccountInput({
    kind: raw.kind,
    issuer: raw.issuer,
    name,
    secret: raw.secret instanceof Uint8Array ? encodeBase32(raw.secret) : raw.secret,
    algorithm: raw.algorithm,
    digits: raw.digits,
    period: raw.period,
    counter: raw.counter,
    sites: [],
  });
}
