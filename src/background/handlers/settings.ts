import { TwostepError } from '../../core/errors';
import type { Settings } from '../../shared/protocol';
import type { Handler } from '../router';
import type { Services } from '../services';
import { expectNull, expectObject } from '../validate';

export const settingsGet = ({ settings }: Services): Handler<'settings.get'> => ({
  from: ['extension'],
  parse: expectNull,
  run: () => settings.get(),
});

export const settingsSet = ({ settings }: Services): Handler<'settings.set'> => ({
  from: ['extension'],
  parse(arg) {
    const { hideCodes } = expectObject(arg, ['hideCodes']);
    const patch: Partial<Settings> = {};
    if (hideCodes !== undefined) {
      if (typeof hideCodes !== 'boolean') throw new TwostepError('bad_request', 'hideCodes must be true or false');
      patch.hideCodes = hideCodes;
    }
    return patch;
  },
  run: (patch) => settings.set(patch),
});
