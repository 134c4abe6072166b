/**
 * The plain "one otpauth:// link per line" export: what Aegis, 2FAS, Ente Auth, Stratum and the
 * Authenticator-Extension import as text, and what `readImport` reads back. Sites are not carried
 * (a link has no field for them). Plain text: the page shows its warning before writing one.
 */
import type { AccountInput } from '../account';
import { formatOtpauthUri } from '../otpauth-uri';

/** The accounts as otpauth:// links, one per line, with a final newline. */
export function formatOtpauthList(accounts: readonly AccountInput[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}
