/**
 * Authenticator Plus backups (as read by Aegis's AuthenticatorPlusImporter): a password-protected
 * ZIP whose `Accounts.txt` holds one otpauth:// URI per line. Other zips are refused (refused.ts).
 */
import { TwostepError } from '../../errors';
import { startsWith, utf8, utf8Bytes } from '../bytes';
import type { ImportFormat } from '../types';
import { otpauthList } from './otpauth-list';
import { unzipEntry, zipEntries } from './zip';

const ACCOUNTS = 'Accounts.txt';

/** An Authenticator Plus backup (zip with Accounts.txt). */
export const authenticatorPlus: ImportFormat = {
  id: 'authenticator-plus',
  detect: (source) => {
    if (!startsWith(source.bytes, 'PK\x03\x04')) return false;
    try {
      return zipEntries(source.bytes).some((e) => e.name === ACCOUNTS);
    } catch {
      return false;
    }
  },
  async read(source, context) {
    const entry = zipEntries(source.bytes).find((e) => e.name === ACCOUNTS);
    if (entry === undefined) {
      throw new TwostepError('import_malformed', 'no Accounts.txt');
    }
    const encrypted = (entry.flags & 0x01) !== 0;
    if (encrypted && context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const plain = await unzipEntry(entry, context.password === undefined ? undefined : utf8Bytes(context.password));
    if (plain === undefined) {
      throw new TwostepError(encrypted ? 'wrong_password' : 'import_malformed', 'authenticator plus');
    }
    const text = utf8(plain);
    const result = await otpauthList.read({ bytes: plain, text, json: undefined }, context);
    return result.kind === 'accounts' ? { ...result, format: this.id } : result;
  },
};
