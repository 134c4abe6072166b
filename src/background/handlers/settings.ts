import type { Handler } from '../router';
import type { Services } from '../services';
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
