/** QR enrolment handlers (issue 4). Placeholders until the enrolment work lands: each refuses cleanly. */
import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';

const notYet = (): never => {
  throw new TwostepError('internal', 'not available yet');
};

export const scanStart = (_s: Services): Handler<'scan.start'> => ({ from: ['extension'], parse: notYet, run: notYet });
export const scanPick = (_s: Services): Handler<'scan.pick'> => ({ from: ['content'], parse: notYet, run: notYet });
export const scanConfirm = (_s: Services): Handler<'scan.confirm'> => ({ from: ['content'], parse: notYet, run: notYet });
export const scanCancel = (_s: Services): Handler<'scan.cancel'> => ({ from: ['content'], parse: notYet, run: notYet });
