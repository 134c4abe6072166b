import type { Handler } from '../router';
import type { Services } from '../services';
import { expectId, expectObject } from '../validate';

export const accountsRemove = ({ vault }: Services): Handler<'accounts.remove'> => ({
  from: ['extension'],
  parse: (arg) => ({ id: expectId(expectObject(arg, ['id']).id) }),
  async run({ id }) {
    await vault.remove(id);
    return null;
  },
});
