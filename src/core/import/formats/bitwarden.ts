/**
 * Bitwarden password-manager exports with TOTP keys: the JSON export (`items[].login.totp`) and the
 * CSV export (column `login_totp`). Items without a key are not accounts and are not listed. The
 * password-protected export is read by bitwarden-encrypted.ts; an account-restricted one, which only
 * the exporting account's key opens, is refused with its own message.
 */
import { TwostepError } from '../../errors';
import { Collector, entryLabel } from '../collect';
import { array, isRecord, optString, record } from '../json';
import type { ImportFormat } from '../types';
import { bitwardenTotp } from './bitwarden-totp';
import { parseCsv } from './csv';

/** Bitwarden JSON export. */
export const bitwardenJson: ImportFormat = {
  id: 'bitwarden',
  detect: (source) =>
    isRecord(source.json) && (Array.isArray(source.json.items) || source.json.encrypted === true) && ('encrypted' in source.json || 'folders' in source.json),
  read(source) {
    const file = record(source.json, 'bitwarden');
    if (file.encrypted === true) {
      throw new TwostepError('import_encrypted_unsupported', 'bitwarden');
    }
    const collector = new Collector(this.id);
    array(file.items, 'items').forEach((raw, index) => {
      const item = isRecord(raw) ? raw : {};
      const login = isRecord(item.login) ? item.login : {};
      const totp = login.totp;
      if (totp === undefined || totp === null || totp === '') {
        return;
      }
      const name = typeof item.name === 'string' ? item.name : '';
      const username = typeof login.username === 'string' ? login.username : '';
      collector.add(entryLabel(name, username, index + 1), () => {
        const value = optString(totp, 'totp') ?? '';
        return bitwardenTotp(value, name, username);
      });
    });
    return Promise.resolve(collector.result());
  },
};

/** Bitwarden CSV export. */
export const bitwardenCsv: ImportFormat = {
  id: 'bitwarden-csv',
  detect: (source) => source.text !== undefined && /^\uFEFF?[^\r\n]*\blogin_totp\b/.test(source.text),
  read(source) {
    const rows = parseCsv(source.text ?? '');
    const header = rows[0] ?? [];
    const col = (name: string): number => header.findIndex((h) => h.trim() === name);
    const totpAt = col('login_totp');
    if (totpAt === -1) {
      throw new TwostepError('import_malformed', 'bitwarden csv header');
    }
    const nameAt = col('name');
    const userAt = col('login_username');
    const collector = new Collector(this.id);
    rows.slice(1).forEach((row, index) => {
      const totp = row[totpAt] ?? '';
      if (totp.trim() === '') {
        return;
      }
      const name = row[nameAt] ?? '';
      const username = row[userAt] ?? '';
      collector.add(entryLabel(name, username, index + 1), () => bitwardenTotp(totp, name, username));
    });
    return Promise.resolve(collector.result());
  },
};
