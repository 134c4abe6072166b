import { sealBackup } from '../../core/backup';
import { backupFileName, MIN_BACKUP_PASSWORD } from '../../core/backup/policy';
import { TwostepError } from '../../core/errors';
import { platformRandom } from '../../core/vault/crypto';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectObject, expectString } from '../validate';
import { MAX_SECRET } from './vault-lock';

/**
 * "Download an encrypted backup", for the full-tab page only. A backup holds every secret, so with a
 * PIN or passphrase set it costs that again, counted and throttled like a wrong unlock (as
 * `accounts.reveal`). The password's strength is judged on the page (zxcvbn is too big for the
 * worker); here only a floor that a page bypassing its own meter cannot go under.
 */
export const backupCreate = ({ vault, now, backups }: Services): Handler<'backup.create'> => ({
  from: ['extension'],
  parse(arg) {
    const { password, secret } = expectObject(arg, ['password', 'secret']);
    return {
      password: expectString(password, 'password', MAX_SECRET),
      secret: secret === null || secret === undefined ? null : expectString(secret, 'secret', MAX_SECRET),
    };
  },
  async run({ password, secret }) {
    if ([...password].length < MIN_BACKUP_PASSWORD) throw new TwostepError('backup_password_weak');
    if ((await vault.pinKind()) !== null) {
      // Asking is not trying: a page that did not know of the PIN yet must not cost the user a try.
      if (secret === null || secret === '') throw new TwostepError('pin_needed');
      await vault.confirmSecret(secret);
    }
    const { accounts } = await vault.read({ verify: true });
    const at = now();
    const bytes = await sealBackup(accounts, password, { now: at, random: platformRandom });
    await backups?.record(at);
    return { file: new TextDecoder().decode(bytes), name: backupFileName(at), count: accounts.length };
  },
});
