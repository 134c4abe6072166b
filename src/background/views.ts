/** What leaves the background about an account: metadata and codes, never the secret. */
import { toMeta, type Account } from '../core/account';
import { generateCodes } from '../core/otp';
import type { AccountView } from '../shared/protocol';

/** The account as the popup may see it at `now`. */
export function toView(account: Account, now: number): AccountView {
  return { ...toMeta(account), codes: generateCodes(account, now) };
}
