import type { Handler } from '../router';
import type { Services } from '../services';
import { TwostepError } from '../../core/errors';
import { grantFor } from '../../shared/site-access';
import { parseSettingsPatch } from '../settings-store';
import { expectNull } from '../validate';

export const settingsGet = ({ settings }: Services): Handler<'settings.get'> => ({
  from: ['extension'],
  parse: expectNull,
  run: () => settings.get(),
});

export const settingsSet = ({ settings, autoLock }: Services): Handler<'settings.set'> => ({
  from: ['extension'],
  parse: parseSettingsPatch,
  async run(patch) {
    const next = await settings.set(patch);
    // A new idle time applies from now on, measured from the last use.
    if (patch.autoLockMinutes !== undefined) await autoLock.reschedule();
    return next;
  },
});

export const settingsAfterGrant = ({ grants, now }: Services): Handler<'settings.afterGrant'> => ({
  from: ['extension'],
  parse: parseSettingsPatch,
  async run(patch) {
    if (!grantFor(patch)) throw new TwostepError('bad_request', 'this change needs no permission');
    await grants?.record(patch, now());
    return null;
  },
});
