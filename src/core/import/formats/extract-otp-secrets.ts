/**
 * The files scito/extract_otp_secrets writes from Google Authenticator transfer links, which people
 * use to get their accounts out of Google Authenticator: JSON (`-j`: an array of {name, secret,
 * issuer, type, counter, url}), CSV (`-c`: the same columns) and the two KeePass CSVs (`-k`:
 * Title, User Name, TimeOtp-Secret-Base32 or HmacOtp-Secret-Base32 and HmacOtp-Counter, Group).
 * The JSON and CSV carry the full otpauth URI in `url`, which is what is read; the KeePass CSVs
 * have no algorithm, digits or period because transfer links have none (SHA-1, 6, 30).
 */
import { parseOtpauthUri } from '../../otpauth-uri';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, string } from '../json';
import type { ImportFormat, ImportResult, ImportSource } from '../types';
import { toAccount } from './common';
import { parseCsv } from './csv';
import { labelOfUri } from './otpauth-list';

const isRow = (value: unknown): boolean => isRecord(value) && typeof value.url === 'string' && /^otpauth:\/\//i.test(value.url) && 'secret' in value;

function rows(source: ImportSource): string[][] | undefined {
  if (source.text === undefined || source.json !== undefined) return undefined;
  const first = source.text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return /^(name,secret,issuer,type,counter,url|Title,User Name,(TimeOtp-Secret-Base32|HmacOtp-Secret-Base32,HmacOtp-Counter),Group)$/.test(first) ? parseCsv(source.text) : undefined;
}

function fromUrls(format: string, urls: string[]): ImportResult {
  const collector = new Collector(format);
  urls.forEach((url, index) => collector.add(labelOfUri(url, `#${index + 1}`), () => parseOtpauthUri(url)));
  return collector.result();
}

/** extract_otp_secrets JSON. */
export const extractOtpSecretsJson: ImportFormat = {
  id: 'extract-otp-secrets',
  detect: (source) => Array.isArray(source.json) && source.json.length > 0 && source.json.every(isRow),
  read(source) {
    return Promise.resolve(fromUrls(this.id, array(source.json, 'rows').map((row) => string(isRecord(row) ? row.url : undefined, 'url'))));
  },
};

/** extract_otp_secrets CSV and KeePass CSV. */
export const extractOtpSecretsCsv: ImportFormat = {
  id: 'extract-otp-secrets-csv',
  detect: (source) => rows(source) !== undefined,
  read(source) {
    const [header = [], ...body] = rows(source) ?? [];
    const column = (name: string): number => header.indexOf(name);
    if (column('url') !== -1) {
      return Promise.resolve(fromUrls(this.id, body.map((row) => row[column('url')] ?? '')));
    }
    const hotp = column('HmacOtp-Secret-Base32') !== -1;
    const collector = new Collector(this.id);
    body.forEach((row, index) => {
      const issuer = row[column('Title')] ?? '';
      const name = row[column('User Name')] ?? '';
      collector.add(entryLabel(issuer, name, index + 1), () => {
        const secret = row[column(hotp ? 'HmacOtp-Secret-Base32' : 'TimeOtp-Secret-Base32')];
        const text = row[column('HmacOtp-Counter')] ?? '';
        // Number('') is 0: an empty counter must be an error, not a reset.
        const counter = hotp ? (/^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN) : undefined;
        return toAccount({ kind: hotp ? 'hotp' : 'totp', issuer, name, secret, counter });
      });
    });
    return Promise.resolve(collector.result());
  },
};
