import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull } from '../validate';
import { vaultStateOf } from '../vault-state';

export const vaultState = ({ vault }: Services): Handler<'vault.state'> => ({
  from: ['extension'],
  parse: expectNull,
  run: () => vaultStateOf(vault),
});
