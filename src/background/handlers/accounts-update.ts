import { parseAccountInput, parseAlgorithm, parseKind } from '../../core/account-input';
import { firstUnregistrableSite } from '../../core/site';
import { TwostepError } from '../../core/errors';
import type { AccountPatch } from '../../shared/protocol';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';
import { toView } from '../views';

function parsePatch(value: unknown): AccountPatch {
  // No `secret` and no `counter` among the keys: a patch can never touch them (expectObject refuses others).
  const raw = expectObject(value, ['issuer', 'name', 'sites', 'kind', 'algorithm', 'digits', 'period']);
  const patch: AccountPatch = {};
  if (raw.issuer !== undefined) patch.issuer = raw.issuer as string;
  if (raw.name !== undefined) patch.name = raw.name as string;
  if (raw.sites !== undefined) {
    if (!Array.isArray(raw.sites)) throw new TwostepError('bad_request', 'sites');
    // Sites the user typed must be registrable domains, the only values a page's site can take (see
    // core/site.ts); the stored-account check stays looser so older accounts still open.
    const bad = firstUnregistrableSite(raw.sites as unknown[]);
    if (bad !== null) throw new TwostepError('site_invalid', bad.slice(0, 64));
    patch.sites = raw.sites as string[];
  }
  if (raw.kind !== undefined) patch.kind = parseKind(raw.kind);
  if (raw.algorithm !== undefined) patch.algorithm = parseAlgorithm(raw.algorithm);
  // Whole numbers in range are checked with the whole account below.
  if (raw.digits !== undefined) patch.digits = raw.digits as number;
  if (raw.period !== undefined) patch.period = raw.period as number;
  if (Object.keys(patch).length === 0) throw new TwostepError('bad_request', 'nothing to change');
  return patch;
}

export const accountsUpdate = ({ vault, now }: Services): Handler<'accounts.update'> => ({
  from: ['extension'],
  parse(arg) {
    const { id, patch } = expectObject(arg, ['id', 'patch']);
    return { id: expectId(id), patch: parsePatch(patch) };
  },
  async run({ id, patch }) {
    // The patched account is validated as a whole, so a patch cannot smuggle in a bad value.
    const updated = await vault.update(id, (current) => parseAccountInput({ ...current, ...patch }));
    return toView(updated, now());
  },
});
