import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import { parseMigrationUri } from '../../core/migration/google-auth';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectObject, expectString } from '../validate';
import { toView } from '../views';

export const accountsAddUri = ({ vault, now }: Services): Handler<'accounts.addUri'> => ({
  from: ['extension'],
  parse(arg) {
    const { uri, site } = expectObject(arg, ['uri', 'site']);
    return { uri: expectString(uri, 'uri'), site: site === null || site === undefined ? null : expectString(site, 'site', 253) };
  },
  async run({ uri, site }) {
    const parsed = parseOtpauthUri(uri.trim());
    // Re-validate with the site attached, so the site gets the same checks as one typed by hand.
    const input = parseAccountInput({ ...parsed, sites: site ? [site] : [] });
    return toView(await vault.add(input), now());
  },
});

/**
 * A Google Authenticator "Transfer accounts" link pasted into the add form. Parsed here, not in the
 * popup, so the protobuf reader stays out of the popup's bundle. Bound to no site: the link says none.
 * All its accounts go in one transaction; if every one is already stored, that is the error the user sees.
 */
export const accountsAddMigration = ({ vault, now }: Services): Handler<'accounts.addMigration'> => ({
  from: ['extension'],
  parse(arg) {
    const { uri } = expectObject(arg, ['uri']);
    return { uri: expectString(uri, 'uri', 16 * 1024) };
  },
  async run({ uri }) {
    const { added, duplicates } = await vault.addMany(parseMigrationUri(uri.trim()));
    if (added.length === 0) throw new TwostepError('account_duplicate');
    const at = now();
    return { added: added.map((account) => toView(account, at)), duplicates };
  },
});
