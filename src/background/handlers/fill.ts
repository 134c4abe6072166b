/** Autofill handlers (issue 5). Placeholders until the autofill work lands: each refuses cleanly. */
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';

const notYet = (): never => {
  throw new TwostepError('internal', 'not available yet');
};

export const tabContext = (_s: Services): Handler<'tab.context'> => ({ from: ['extension'], parse: notYet, run: notYet });
export const fillInTab = (_s: Services): Handler<'fill.inTab'> => ({ from: ['extension'], parse: notYet, run: notYet });
export const fillCandidates = (_s: Services): Handler<'fill.candidates'> => ({ from: ['content'], parse: notYet, run: notYet });
export const fillCode = (_s: Services): Handler<'fill.code'> => ({ from: ['content'], parse: notYet, run: notYet });
export const fillUnlock = (_s: Services): Handler<'fill.unlock'> => ({ from: ['content'], parse: notYet, run: notYet });
