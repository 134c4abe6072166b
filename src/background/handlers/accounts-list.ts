import type { Handler } from '../router';
import type { Services } from '../services';
import { inBackground } from '../log';
import { expectNull } from '../validate';
import { toViews } from '../views';

export const accountsList = ({ vault, now, codesView }: Services): Handler<'accounts.list'> => ({
  from: ['extension'],
  parse: expectNull,
  async run() {
    const { accounts } = await vault.read({ verify: true });
    // Not awaited: the popup that asked gets its list first; the view is for the next popup.
    if (codesView) inBackground('codes view', () => codesView.refreshIfLow());
    return toViews(accounts, now());
  },
});
