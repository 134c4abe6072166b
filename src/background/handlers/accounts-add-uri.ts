import { parseAccountInput } from '../../core/account-input';
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
