/**
 * public/popup-early.js starts the popup's storage reads before its modules load; popup/startup.ts
 * takes their result. A plain script cannot import STARTUP_ITEMS, so this checks it asks each storage
 * area for exactly the items startup.ts would, and nothing else (a renamed item would otherwise leave
 * the popup without its codes view, silently waiting for the worker).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { STARTUP_ITEMS } from '../../src/shared/startup-items';

const SCRIPT = readFileSync(resolve(import.meta.dirname, '../../public/popup-early.js'), 'utf8');

describe('the popup\'s early storage read', () => {
  it('asks session and local storage for the startup items, and publishes both answers', async () => {
    const asked: Record<string, unknown[]> = { session: [], local: [] };
    const area = (name: 'session' | 'local') => ({
      get: (keys: unknown) => {
        asked[name]!.push(keys);
        return Promise.resolve({ area: name });
      },
    });
    const sandbox: Record<string, unknown> = { chrome: { storage: { session: area('session'), local: area('local') } } };
    sandbox.globalThis = sandbox;
    runInNewContext(SCRIPT, sandbox);
    expect(asked.session).toEqual([[STARTUP_ITEMS.codesView, STARTUP_ITEMS.lastUse]]);
    expect(asked.local).toEqual([[STARTUP_ITEMS.protection, STARTUP_ITEMS.settings]]);
    await expect(sandbox.twostepEarlyRead).resolves.toEqual([{ area: 'session' }, { area: 'local' }]);
  });
});
