import { checkNewSecret, type SecretKind } from '../../core/pin-policy';
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull, expectObject, expectString } from '../validate';
import { vaultStateOf } from '../vault-state';

// Longer than any passphrase we accept, short enough that Argon2id's input stays small.
export const MAX_SECRET = 1024;

export const vaultUnlock = ({ vault, autoLock, fill }: Services): Handler<'vault.unlock'> => ({
  from: ['extension'],
  parse: (arg) => ({ secret: expectString(expectObject(arg, ['secret']).secret, 'secret', MAX_SECRET) }),
  async run({ secret }) {
    await vault.unlockWith(secret);
    await autoLock.touch();
    await autoLock.deps.changed();
    // A frame that asked to be unlocked ("Unlock Twostep to fill") fills now (issue 5).
    await fill?.afterUnlock().catch(() => undefined);
    return vaultStateOf(vault);
  },
});

export const vaultLock = ({ vault, autoLock }: Services): Handler<'vault.lock'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    await autoLock.lockNow();
    return vaultStateOf(vault);
  },
});

function parseKind(value: unknown): SecretKind {
  if (value !== 'pin' && value !== 'passphrase') throw new TwostepError('bad_request', 'kind must be pin or passphrase');
  return value;
}

export const vaultSetPin = ({ vault, autoLock }: Services): Handler<'vault.setPin'> => ({
  from: ['extension'],
  parse(arg) {
    const { next, kind, current } = expectObject(arg, ['next', 'kind', 'current']);
    const k = parseKind(kind);
    return {
      next: checkNewSecret(expectString(next, 'next', MAX_SECRET), k),
      kind: k,
      current: current === null || current === undefined ? null : expectString(current, 'current', MAX_SECRET),
    };
  },
  async run({ next, kind, current }) {
    await vault.setPin(next, kind, current);
    await autoLock.touch();
    await autoLock.deps.changed();
    return vaultStateOf(vault);
  },
});

export const vaultRemovePin = ({ vault, autoLock }: Services): Handler<'vault.removePin'> => ({
  from: ['extension'],
  parse: (arg) => ({ current: expectString(expectObject(arg, ['current']).current, 'current', MAX_SECRET) }),
  async run({ current }) {
    await vault.removePin(current);
    await autoLock.reschedule();
    await autoLock.deps.changed();
    return vaultStateOf(vault);
  },
});
