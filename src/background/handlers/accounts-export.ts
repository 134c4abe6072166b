import type { AccountInput } from '../../core/account';
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';
import { confirmIfProtected, parseConfirmation } from './accounts-reveal';

/** More ids than any vault holds is a malformed request, refused before anything is read. */
const MAX_IDS = 10_000;

function parseIds(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) || value.length > MAX_IDS) throw new TwostepError('bad_request', 'ids');
  return [...new Set((value as unknown[]).map(expectId))];
}

/**
 * The export page's accounts with their secrets (all, or the ids asked for, in the vault's order):
 * for "Move to a phone" and the plain files. Only for our own pages; with a PIN or passphrase set it
 * costs that again, counted like an unlock. An id that is not in the vault fails the whole call, so
 * the page never shows a partial export as complete.
 */
export const accountsExport = (services: Services): Handler<'accounts.export'> => ({
  from: ['extension'],
  parse(arg) {
    const { ids, secret } = expectObject(arg, ['ids', 'secret']);
    return { ids: parseIds(ids), secret: parseConfirmation(secret) };
  },
  async run({ ids, secret }) {
    await confirmIfProtected(services, secret);
    const { accounts } = await services.vault.read({ verify: true });
    const wanted = ids === null ? null : new Set(ids);
    const chosen = wanted === null ? accounts : accounts.filter((account) => wanted.has(account.id));
    if (wanted !== null && chosen.length !== wanted.size) throw new TwostepError('account_not_found');
    return {
      accounts: chosen.map(
        ({ kind, issuer, name, secret: key, algorithm, digits, period, counter, sites }): AccountInput => ({ kind, issuer, name, secret: key, algorithm, digits, period, counter, sites: [...sites] }),
      ),
    };
  },
});
