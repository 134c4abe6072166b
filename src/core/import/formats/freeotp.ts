/**
 * FreeOTP+ JSON exports (`{tokenOrder, tokens[]}`, github.com/helloworld1/FreeOTPPlus) and FreeOTP /
 * FreeOTP+ `tokens.xml` (Android shared preferences: one `<string>` of token JSON per account, the
 * file FreeOTP 1.x's `adb backup` holds). Token fields: type, algo, digits, period, counter,
 * issuerExt/issuerAlt, label/labelAlt, secret as a Java signed byte array.
 *
 * FreeOTP stores an HOTP counter one lower than the next code's: importing `counter=N` stores N-1
 * and its otpauth export writes `counter + 1` (FreeOTP Token.java, Token(Uri) and toUri). Twostep's
 * counter is the next code's, so we add one, exactly as FreeOTP's own URI export does.
 * FreeOTP+ computes Steam codes for a TOTP token whose issuer is "Steam" (Token.java, digits check).
 */
import { TwostepError } from '../../errors';
import { signedBytes } from '../bytes';
import { Collector, entryLabel } from '../collect';
import type { JsonRecord } from '../json';
import { array, isRecord, optNumber, optString, parseJson, record } from '../json';
import type { ImportFormat, ImportResult } from '../types';
import { toAccount } from './common';

const isToken = (value: unknown): boolean => isRecord(value) && Array.isArray(value.secret) && typeof value.type === 'string';

export const freeotpPlus: ImportFormat = {
  id: 'freeotp-plus',
  detect: (source) => isRecord(source.json) && Array.isArray(source.json.tokens),
  read: (source) => Promise.resolve(tokens('freeotp-plus', array(record(source.json, 'freeotp').tokens, 'tokens'))),
};

/** `<string name="…">{token JSON}</string>` entries of a shared-preferences file. */
const XML_STRING = /<string name="([^"]*)">([^<]*)<\/string>/g;

export const freeotpXml: ImportFormat = {
  id: 'freeotp-xml',
  detect: (source) => source.text !== undefined && /^\s*(<\?xml[^>]*>\s*)?<map>/.test(source.text) && /&quot;secret&quot;:\[/.test(source.text),
  read(source) {
    const list: unknown[] = [];
    for (const match of (source.text ?? '').matchAll(XML_STRING)) {
      // "tokenOrder" lists the ids; every other string is one token.
      if (match[1] === 'tokenOrder') continue;
      const json = parseJson(unescapeXml(match[2] ?? ''));
      if (!isToken(json)) {
        throw new TwostepError('import_malformed', 'freeotp token');
      }
      list.push(json);
    }
    return Promise.resolve(tokens(this.id, list));
  },
};

function unescapeXml(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, name: string) => {
    const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
    if (name in named) return named[name] ?? '';
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function tokens(format: string, list: unknown[]): ImportResult {
  const collector = new Collector(format);
  list.forEach((raw, index) => {
    const token: JsonRecord = isRecord(raw) ? raw : {};
    const issuer = optString(token.issuerAlt, 'issuerAlt') ?? optString(token.issuerExt, 'issuerExt') ?? '';
    const name = optString(token.labelAlt, 'labelAlt') ?? optString(token.label, 'label') ?? '';
    collector.add(entryLabel(issuer, name, index + 1), () => {
      const type = optString(token.type, 'type') ?? '';
      if (type !== 'TOTP' && type !== 'HOTP') {
        throw new TwostepError('uri_kind_unknown', type.slice(0, 16));
      }
      const stored = optNumber(token.counter, 'counter') ?? 0;
      const steam = type === 'TOTP' && optString(token.issuerExt, 'issuerExt') === 'Steam';
      return toAccount({
        kind: steam ? 'steam' : type === 'HOTP' ? 'hotp' : 'totp',
        issuer,
        name,
        secret: signedBytes(token.secret),
        algorithm: optString(token.algo, 'algo'),
        digits: optNumber(token.digits, 'digits'),
        period: optNumber(token.period, 'period'),
        counter: type === 'HOTP' ? stored + 1 : undefined,
      });
    });
  });
  return collector.result();
}
