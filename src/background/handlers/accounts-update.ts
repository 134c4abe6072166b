import { parseAccountInput } from '../../core/account-input';
import { TwostepError } from '../../core/errors';
import type { AccountPatch } from '../../shared/protocol';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';
import { toView } from '../views';

function parsePatch(value: unknown): AccountPatch {
  const raw = expectObject(value, ['issuer', 'name', 'sites']);
  const patch: AccountPatch = {};
  if (raw.issuer !== undefined) patch.issuer = raw.issuer as string;
  if (raw.name !== undefined) patch.name = raw.name as string;
  if (raw.sites !== undefined) patch.sites = raw.sites as string[];
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
