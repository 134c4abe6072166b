import { TwostepError } from '../../core/errors';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectObject } from '../validate';

/** Codes as accounts make them: 4–10 digits, or Steam's 5 letters and digits. */
const CODE = /^[0-9A-Z]{4,10}$/;

export const clipboardCopied = ({ settings, clipboard, now }: Services): Handler<'clipboard.copied'> => ({
  from: ['extension'],
  parse: (arg) => {
    const { code } = expectObject(arg, ['code']);
    if (typeof code !== 'string' || !CODE.test(code)) throw new TwostepError('bad_request', 'code');
    return { code };
  },
  async run({ code }) {
    const { clipboardClearSeconds } = await settings.get();
    if (clipboardClearSeconds > 0) await clipboard?.schedule(code, clipboardClearSeconds, now());
    return null;
  },
});
