/**
 * "Show secret" with a PIN set: someone at an unlocked computer can read today's codes, but the secret
 * makes codes forever, so with a PIN it costs the PIN again, counted like a wrong unlock.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { route, type RawSender } from '../../../src/background/router';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const PIN = '482916';

async function setup(pin: string | null) {
  const f = await newFixture();
  const handlers = createHandlers(testServices(f, () => 59_000));
  const { id } = await f.vault.add(input());
  if (pin !== null) await f.vault.setPin(pin, 'pin', null);
  const reveal = (secret: string | null | undefined) =>
    route({ twostep: 1, method: 'accounts.reveal', arg: secret === undefined ? { id } : { id, secret } }, popup, ID, handlers);
  return { f, reveal };
}

const revealed = { ok: true, value: { uri: expect.stringContaining('secret=JBSWY3DPEHPK3PXP') as unknown } };

describe('accounts.reveal', () => {
  it('without a PIN, shows the secret to the popup as before', async () => {
    const { reveal } = await setup(null);
    await expect(reveal(null)).resolves.toMatchObject(revealed);
    await expect(reveal(undefined)).resolves.toMatchObject(revealed);
  });

  it('with a PIN, refuses without it and does not count that as a try', async () => {
    const { f, reveal } = await setup(PIN);
    for (const secret of [null, undefined, '']) {
      const reply = await reveal(secret);
      expect(reply).toMatchObject({ ok: false, error: { code: 'pin_needed' } });
      expect(JSON.stringify(reply)).not.toContain('JBSWY3DP');
    }
    await expect(f.vault.throttle()).resolves.toEqual({ failures: 0, retryAt: null });
  });

  it('with a PIN, refuses a wrong one and counts it; the right one shows the secret and resets the count', async () => {
    const { f, reveal } = await setup(PIN);
    const wrong = await reveal('000000');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'pin_wrong', info: { failures: 1 } } });
    expect(JSON.stringify(wrong)).not.toContain('JBSWY3DP');
    await expect(f.vault.throttle()).resolves.toMatchObject({ failures: 1 });
    await expect(reveal(PIN)).resolves.toMatchObject(revealed);
    await expect(f.vault.throttle()).resolves.toEqual({ failures: 0, retryAt: null });
  });

  it('shares the wrong-PIN wait with unlocking: after five wrong tries even the right PIN must wait', async () => {
    const { f, reveal } = await setup(PIN);
    for (let i = 1; i <= 5; i++) await expect(reveal(`00000${i}`)).resolves.toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    const throttled = await reveal(PIN);
    expect(throttled).toMatchObject({ ok: false, error: { code: 'pin_throttled', info: { failures: 5 } } });
    // The unlock screen sees the same wait.
    await expect(f.vault.throttle()).resolves.toMatchObject({ failures: 5, retryAt: expect.any(Number) as unknown });
  });

  it('refuses a secret that is not a string', async () => {
    const { reveal } = await setup(PIN);
    const reply = await route({ twostep: 1, method: 'accounts.reveal', arg: { id: 'a'.repeat(32), secret: 482916 } }, popup, ID, createHandlers(testServices(await newFixture(), () => 0)));
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(reveal('x'.repeat(5000))).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
