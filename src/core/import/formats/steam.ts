/**
 * Steam Guard files (Steam Desktop Authenticator's `.maFile`, SteamGuard exports): one account as
 * `{shared_secret: b64, account_name, ...}`, or the newer `{accounts: {<id>: {...}}}`. The shared
 * secret is the Steam Guard key (5 characters, 30 s, HMAC-SHA1); the issuer is "Steam".
 */
import { base64 } from '../bytes';
import { Collector, entryLabel } from '../collect';
import { isRecord, optString, record, string } from '../json';
import type { ImportFormat } from '../types';
import { toAccount } from './common';

const isSteamAccount = (value: unknown): boolean => isRecord(value) && typeof value.shared_secret === 'string';

/** Steam Guard (maFile) JSON, one account or an accounts map. */
export const steam: ImportFormat = {
  id: 'steam',
  detect: (source) =>
    isSteamAccount(source.json) || (isRecord(source.json) && isRecord(source.json.accounts) && Object.values(source.json.accounts).some(isSteamAccount)),
  read(source) {
    const file = record(source.json, 'steam');
    const list = isSteamAccount(file) ? [file] : Object.values(record(file.accounts, 'accounts'));
    const collector = new Collector(this.id);
    list.forEach((raw, index) => {
      const account = isRecord(raw) ? raw : {};
      const name = optString(account.account_name, 'account_name') ?? '';
      collector.add(entryLabel('Steam', name, index + 1), () =>
        toAccount({ kind: 'steam', issuer: 'Steam', name, secret: base64(string(account.shared_secret, 'shared_secret'), 'secret_not_base32') }),
      );
    });
    return Promise.resolve(collector.result());
  },
};
