/**
 * otpauth:// URIs, per the Key URI Format (github.com/google/google-authenticator/wiki/Key-Uri-Format):
 * `otpauth://TYPE/LABEL?PARAMETERS`, with LABEL `issuer:account` and parameters secret, issuer,
 * algorithm, digits, period (TOTP) and counter (HOTP). We also read Steam Guard in the two forms apps
 * emit: `otpauth://steam/...` (Aegis, Ente) and `otpauth://totp/...&encoder=steam` (FreeOTP+, Authy tools).
 *
 * Decoding of '+': the label is a URI path, where '+' is a literal plus (RFC 3986 §3.3); the query is
 * read as application/x-www-form-urlencoded (as URLSearchParams and most generators do), so '+' in a
 * parameter is a space. Aegis writes `issuer=Air+Canada` and means "Air Canada". We always write %20.
 */
import type { AccountInput } from './account';
import { parseAccountInput, parseAlgorithm, parseKind } from './account-input';
import { TwostepError } from './errors';

/** Parameters whose value we read; a duplicate of one of them is ambiguous, so it is an error. */
const KNOWN_PARAMS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder']);

/** Parses an otpauth:// URI (from a QR code or a paste) into a validated `AccountInput` with no sites. */
export function parseOtpauthUri(text: string): AccountInput {
  const uri = text.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'otpauth-migration') {
    // Google Authenticator's "Transfer accounts" QR: a protobuf batch, handled by the importer.
    throw new TwostepError('uri_not_otpauth', 'migration');
  }
  if (scheme !== 'otpauth' || uri.slice(8, 10) !== '//') {
    throw new TwostepError('uri_not_otpauth');
  }
  // RFC 3986 §3.5: a fragment is not part of the resource; drop it.
  const withoutFragment = uri.slice(10).split('#', 1)[0] ?? '';
  const queryStart = withoutFragment.indexOf('?');
  const path = queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart);
  const query = queryStart === -1 ? '' : withoutFragment.slice(queryStart + 1);

  const slash = path.indexOf('/');
  const type = slash === -1 ? path : path.slice(0, slash);
  const rawLabel = slash === -1 ? '' : path.slice(slash + 1);
  let kind = parseKind(type);
  const params = parseQuery(query);

  const encoder = param(params, 'encoder');
  if (encoder !== undefined) {
    if (encoder.toLowerCase() !== 'steam') {
      // Another encoder (e.g. yandex) means codes we cannot compute; refuse rather than show wrong ones.
      throw new TwostepError('uri_kind_unknown', `encoder ${encoder.slice(0, 32)}`);
    }
    kind = 'steam';
  }

  if (rawLabel === '') {
    throw new TwostepError('uri_label_missing');
  }
  const label = splitLabel(rawLabel);
  const issuerParam = param(params, 'issuer')?.trim() ?? '';
  // A generator that pastes the issuer in unencoded writes `issuer=A+B` for "A+B"; reading '+' as a
  // space would then disagree with the label, so a literal reading that matches is accepted too.
  const issuerLiteral = param(params, 'issuer', false)?.trim() ?? '';
  if (label.issuer !== '' && issuerParam !== '' && label.issuer !== issuerParam && label.issuer !== issuerLiteral) {
    throw new TwostepError('uri_issuer_mismatch');
  }
  const algorithm = param(params, 'algorithm');
  if (algorithm !== undefined) {
    // Checked even for Steam, whose algorithm is fixed: an unknown name means a URI we do not understand.
    parseAlgorithm(algorithm);
  }
  if (kind === 'hotp' && !params.has('counter')) {
    // Key URI Format: counter is REQUIRED for hotp; guessing 0 could desynchronise the token.
    throw new TwostepError('counter_invalid', 'missing');
  }
  return parseAccountInput({
    kind,
    issuer: label.issuer !== '' ? label.issuer : issuerParam,
    name: label.name,
    secret: param(params, 'secret') ?? '',
    algorithm,
    digits: param(params, 'digits'),
    period: param(params, 'period'),
    counter: param(params, 'counter'),
    sites: [],
  });
}

/**
 * Writes an account as an otpauth:// URI that `parseOtpauthUri` reads back to the same account
 * (except `sites`, which a URI does not carry). Steam is written as `otpauth://steam/`, as Aegis does:
 * an app that does not know Steam then rejects it instead of showing wrong numeric codes.
 */
export function formatOtpauthUri(input: AccountInput): string {
  const params: [string, string][] = [['secret', input.secret]];
  if (input.issuer !== '') {
    params.push(['issuer', input.issuer]);
  }
  params.push(['algorithm', input.algorithm], ['digits', String(input.digits)]);
  if (input.kind === 'hotp') {
    params.push(['counter', String(input.counter)]);
  } else {
    params.push(['period', String(input.period)]);
  }
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `otpauth://${input.kind}/${formatLabel(input.issuer, input.name)}?${query}`;
}

/**
 * The label separator is the first literal ':'; if there is none, the first '%3A' (many generators
 * percent-encode it). encodeURIComponent writes a colon inside a name or issuer as %3A, so a literal
 * separator keeps such names intact. Leading spaces after the separator are allowed by the Key URI Format.
 */
function splitLabel(rawLabel: string): { issuer: string; name: string } {
  let at = rawLabel.indexOf(':');
  let width = 1;
  if (at === -1) {
    at = rawLabel.search(/%3a/i);
    width = 3;
  }
  if (at === -1) {
    return { issuer: '', name: decodeComponent(rawLabel, false).trim() };
  }
  return {
    issuer: decodeComponent(rawLabel.slice(0, at), false).trim(),
    name: decodeComponent(rawLabel.slice(at + width), false).trim(),
  };
}

function formatLabel(issuer: string, name: string): string {
  if (issuer !== '') {
    return `${encodeURIComponent(issuer)}:${encodeURIComponent(name)}`;
  }
  // A name containing ':' without an issuer would be split at its %3A on reading; an empty issuer
  // before a literal separator keeps it whole.
  return name.includes(':') ? `:${encodeURIComponent(name)}` : encodeURIComponent(name);
}

/** Splits the query into known parameters, still percent-encoded, so each can be decoded as it needs. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const key = decodeComponent(eq === -1 ? part : part.slice(0, eq), true).toLowerCase();
    const value = eq === -1 ? '' : part.slice(eq + 1);
    // Unknown parameters (Ente's codeDisplay, FreeOTP's image, ...) are ignored, even when repeated or malformed.
    if (KNOWN_PARAMS.has(key)) {
      if (params.has(key)) {
        throw new TwostepError('uri_param_duplicate', key);
      }
      params.set(key, value);
    }
  }
  return params;
}

function param(params: Map<string, string>, key: string, plusIsSpace = true): string | undefined {
  const raw = params.get(key);
  return raw === undefined ? undefined : decodeComponent(raw, plusIsSpace);
}

function decodeComponent(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    throw new TwostepError('uri_malformed');
  }
}
