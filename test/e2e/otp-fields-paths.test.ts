/**
 * Every fixture page (the shared ones and Twostep's own) through both ways a code reaches a page in
 * the built extension: the popup's fill (the toolbar popup over the tab, `fill.inTab` as its Fill
 * action sends it) and the inline button (the registered script; its button clicked as a person
 * would). Both must fill exactly the truth's fields with a code the account generates, touch nothing
 * else, and agree with each other on every page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureSets, type Truth } from '../dom/fixture-pages';
import { snapshot, type Snapshot } from '../dom/snapshot';
import { buildWithSiteAccess, callFromTab, InlineButton, pageServer, pollValue, registeredScripts, wait, type PageServer } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, totpAround } from './popup-helpers';
import { clickAction } from './scan-helpers';

const en = loadMessages('en');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const sets = fixtureSets();

/** What a path did to a page: the code it put in the truth's fields, and whether anything else changed. */
interface Outcome {
  code: string;
  othersChanged: boolean;
}

function outcome(before: Snapshot, after: Snapshot, t: Truth): Outcome {
  const code = t.split ? after.otp.join('') : (after.otp[0] ?? '');
  const othersChanged = JSON.stringify(before.negatives) !== JSON.stringify(after.negatives) || JSON.stringify(before.others) !== JSON.stringify(after.others);
  return { code, othersChanged };
}

function expectRight(o: Outcome, t: Truth): void {
  expect(o.othersChanged).toBe(false);
  if (t.otp.length === 0) expect(o.code).toBe('');
  else expect(totpAround({ secret: SECRET })).toContain(o.code);
}

describe('fixture pages through the popup and the inline button', () => {
  let ext: Extension;
  let server: PageServer;
  let origin: string;
  let fillLabel: string;
  let id: string;

  beforeAll(async () => {
    server = await pageServer();
    for (const set of sets) for (const name of Object.keys(set.truth)) server.set(`/${set.name}/${name}.html`, readFileSync(join(set.dir, `${name}.html`), 'utf8'));
    origin = `http://localhost:${server.port}`;
    ext = await launchExtension({ dist: buildWithSiteAccess() });
    const uri = `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`;
    const account = (await callFromTab(ext, 'accounts.addUri', { uri, site: 'localhost' })) as { id: string; issuer: string; name: string };
    id = account.id;
    fillLabel = message(en, 'fill_inline_one', `${account.issuer} — ${account.name}`);
    await callFromTab(ext, 'settings.set', { inlineButton: true });
    expect(await pollValue(() => registeredScripts(ext), (ids) => ids.length > 0)).toEqual(['twostep-fill-inline']);
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await server?.close();
  });

  /** The inline path: the button appears for a code field (and is clicked), and never for a page without one. */
  async function inline(page: Page, t: Truth): Promise<Outcome> {
    const before = await page.evaluate(snapshot, t);
    const button = new InlineButton(page);
    if (t.otp.length > 0) {
      await button.waitForText(fillLabel);
      await button.click(fillLabel);
      await pollValue(() => page.evaluate(snapshot, t), (s) => s.otp.every((v) => v !== ''));
    } else {
      // The script checks on load and 250 ms after each change; four such windows is ample.
      await wait(1000);
      expect(await button.present()).toBe(false);
    }
    return outcome(before, await page.evaluate(snapshot, t), t);
  }

  /** The popup path: the toolbar popup over the tab sends `fill.inTab` for the account. */
  async function popup(page: Page, t: Truth, id: string): Promise<Outcome> {
    const before = await page.evaluate(snapshot, t);
    const real = await clickAction(ext, page);
    const reply = (await real.evaluate(`chrome.runtime.sendMessage({ twostep: 1, method: 'fill.inTab', arg: { id: ${JSON.stringify(id)} } })`)) as {
      ok: boolean;
      value?: { filled: boolean };
    };
    expect(reply.ok).toBe(true);
    expect(reply.value?.filled).toBe(t.otp.length > 0);
    return outcome(before, await page.evaluate(snapshot, t), t);
  }

  for (const set of sets) {
    describe(set.name, () => {
      for (const [name, t] of Object.entries(set.truth)) {
        it(`${name}: both paths fill ${t.otp.length > 0 ? 'the code field' : 'nothing'}`, async () => {
          const page = await ext.context.newPage();
          try {
            await page.goto(`${origin}/${set.name}/${name}.html`, { waitUntil: 'load' });
            const byButton = await inline(page, t);
            expectRight(byButton, t);
            await page.reload({ waitUntil: 'load' });
            const byPopup = await popup(page, t, id);
            expectRight(byPopup, t);
            expect({ filled: byPopup.code !== '', othersChanged: byPopup.othersChanged }).toEqual({
              filled: byButton.code !== '',
              othersChanged: byButton.othersChanged,
            });
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});
