/**
 * The code a frame may receive: only for an account bound to the frame's own site, checked again
 * here however the frame learned the id. HOTP advances its counter in the same atomic vault write,
 * at most a few times a minute (hotp-limit.ts).
 */
import { parseAccountInput } from '../../core/account-input';
import type { Account } from '../../core/account';
import { TwostepError } from '../../core/errors';
import { accountMatches } from '../../core/lookalike';
import { generateCodes } from '../../core/otp';
import type { Vault } from '../vault/vault';

export interface CodeRules {
  /** Extra check on the account and every account of the site (fill without asking); throws to refuse. */
  check(account: Account, matching: Account[]): void;
  /** Takes one HOTP advance of the account's budget; throws when it is spent. */
  takeHotp(id: string, now: number): Promise<void>;
}

/** The current code of account `id` for a frame on `site`; 'forbidden' unless the account belongs there. */
export async function codeForSite(vault: Vault, id: string, site: string | null, now: number, rules: CodeRules): Promise<string> {
  const { accounts } = await vault.read();
  const account = accounts.find((a) => a.id === id);
  // An unknown id and another site's account look the same to the page: it learns nothing about the vault.
  if (!account || site === null || !accountMatches(account.sites, site)) throw new TwostepError('forbidden');
  rules.check(account, accounts.filter((a) => accountMatches(a.sites, site)));
  if (account.kind !== 'hotp') return generateCodes(account, now).code;

  await rules.takeHotp(id, now);
  // RFC 4226 §7.2: a counter value is used once. Counter + 1 is stored in one read-check-write, and the
  // page gets the code of the counter that write moved past, so two fills never get the same code.
  const advanced = await vault.update(id, (current) => {
    if (current.kind !== 'hotp' || !accountMatches(current.sites, site)) throw new TwostepError('forbidden');
    return parseAccountInput({ ...current, counter: current.counter + 1 });
  });
  return generateCodes({ ...advanced, counter: advanced.counter - 1 }, now).code;
}
