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
import { isSharedPrefs, sharedPrefStrings } from './shared-prefs';

const isToken = (value: unknown): boolean => isRecord(value) && Array.isArray(value.secret) && typeof value.type === 'string';

/** FreeOTP+ JSON export. */
export const freeotpPlus: ImportFormat = {
  id: 'freeotp-plus',
  detect: (source) => isRecord(source.json) && Array.isArray(source.json.tokens),
  read: (source) => Promise.resolve(tokens('freeotp-plus', array(record(source.json, 'freeotp').tokens, 'tokens'))),
};

/** FreeOTP / FreeOTP+ tokens.xml. */
export const freeotpXml: ImportFormat = {
  id: 'freeotp-xml',
  detect: (source) => isSharedPrefs(source.text) && /&quot;secret&quot;:\[/.test(source.text ?? ''),
  read(source) {
    const list: unknown[] = [];
    for (const [name, value] of sharedPrefStrings(source.text ?? '')) {
      // "tokenOrder" lists the ids; every other string is one token.
      if (name === 'tokenOrder') continue;
      const json = parseJson(value);
      if (!isToken(json)) {
        throw new TwostepError('import_malformed', 'freeotp token');
      }
      list.push(json);
    }
    return Promise.resolve(tokens(this.id, list));
  },
};

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
