import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull } from '../validate';

export const vaultState = ({ vault }: Services): Handler<'vault.state'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    if (await vault.isLocked()) return { locked: true, accountCount: 0, damaged: 0 };
    const { accounts, damaged } = await vault.read();
    return { locked: false, accountCount: accounts.length, damaged };
  },
});
