import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull } from '../validate';
import { toView } from '../views';

export const accountsList = ({ vault, now }: Services): Handler<'accounts.list'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    const at = now();
    const { accounts } = await vault.read();
    return accounts.map((account) => toView(account, at));
  },
});
