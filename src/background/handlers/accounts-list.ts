import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull } from '../validate';
import { toViews } from '../views';

export const accountsList = ({ vault, now }: Services): Handler<'accounts.list'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    const { accounts } = await vault.read({ verify: true });
    return toViews(accounts, now());
  },
});
