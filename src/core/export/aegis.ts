/**
 * An Aegis-compatible plain vault export (github.com/beemdevelopment/Aegis, docs/vault.md): the
 * unencrypted form `{version: 1, header: {slots: null, params: null}, db}`, with `db` at version 3
 * (groups as a list of uuids, what Aegis 3 writes). Twostep's own Aegis importer reads it back.
 * Sites are not carried: Aegis has no field for them.
 */
import type { AccountInput } from '../account';

interface AegisInfo {
  secret: string;
  algo: string;
  digits: number;
  period?: number;
  counter?: number;
}

interface AegisEntry {
  type: 'totp' | 'hotp' | 'steam';
  uuid: string;
  name: string;
  issuer: string;
  note: string;
  favorite: boolean;
  icon: null;
  info: AegisInfo;
  groups: string[];
}

/** Aegis's plain vault file; `uuid` makes each entry's id (the caller passes crypto.randomUUID). */
export function formatAegisJson(accounts: readonly AccountInput[], uuid: () => string): string {
  const entries = accounts.map((account): AegisEntry => {
    const info: AegisInfo = { secret: account.secret, algo: account.algorithm, digits: account.digits };
    // HOTP has a counter and no period; TOTP and Steam the reverse (Aegis's HotpInfo / TotpInfo).
    if (account.kind === 'hotp') info.counter = account.counter;
    else info.period = account.period;
    return { type: account.kind, uuid: uuid(), name: account.name, issuer: account.issuer, note: '', favorite: false, icon: null, info, groups: [] };
  });
  const file = { version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } };
  return `${JSON.stringify(file, null, 4)}\n`;
}
