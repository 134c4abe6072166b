/**
 * axe-core on every view a user meets (issue 12): the popup's views, the full-tab page's sections and
 * the in-page UI (the inline Fill button and the QR card, in their closed shadow roots), in light and
 * dark, in English and Dutch. Zero violations, each listed by rule and element when one appears.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { axeInPopup, axeViolations, describeViolations, exposeClosedRoot } from './a11y-helpers';
import { buildWithSiteAccess, callFromTab, InlineButton, pollValue, registeredScripts, signIn } from './autofill-helpers';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import { emptyVault } from './manage-import-helpers';
import { PIN, setPinInSettings, lockNow } from './pin-helpers';
import { loadMessages, send } from './popup-helpers';
import { clickAction, PickerView, scanFromPopup } from './scan-helpers';

const SCHEMES = ['light', 'dark'] as const;
const URIS = [
  'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Example&counter=3',
  'otpauth://totp/Twin:bob?secret=KRSXG5CTMVRXEZLU&issuer=Twin',
  'otpauth://hotp/Twin:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Twin&counter=0',
];

let run = 0;
const unique = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}a11y=${++run}`;

/** axe in both themes on `page` (or inside `include`): each violation becomes a line of the failure. */
async function expectClean(page: Page, what: string, include?: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    // Reduced motion: the toast then shows or goes at once (popup.css), so axe never measures it halfway
    // through its fade, when any text fails contrast against what lies under it.
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    expect.soft(describeViolations(await axeViolations(page, include)), `${what}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
}

/** Replaces the vault's accounts with URIS, through `page` (an extension page). */
async function seed(page: Page): Promise<void> {
  await emptyVault(page);
  for (const uri of URIS) {
    const reply = (await send(page, 'accounts.addUri', { uri })) as { ok: boolean };
    if (!reply.ok) throw new Error(`could not add ${uri}: ${JSON.stringify(reply)}`);
  }
}

for (const lang of ['en', 'nl'] as const) {
  describe(`axe-core finds no violation (${lang})`, () => {
    let ext: Extension;
    let demo: DemoServer;

    beforeAll(async () => {
      demo = await startDemoServer();
      ext = await launchExtension({ lang, dist: buildWithSiteAccess() });
    });
    afterAll(async () => {
      await ext?.close({ discard: true });
      await demo?.close();
    });

    it('popup: the empty list and the add view', async () => {
      const popup = await ext.openPopup();
      await emptyVault(popup);
      await popup.reload();
      await popup.getByTestId('empty-state').waitFor();
      await expectClean(popup, 'empty list');
      await popup.getByTestId('empty-add-button').click();
      await popup.locator('.app[data-view=add]').waitFor();
      await expectClean(popup, 'add view');
      await popup.close();
    });

    it('popup: the list with its notices, no results, edit with the secret shown, and settings', async () => {
      const popup = await ext.openPopup();
      await seed(popup);
      await popup.reload();
      await expect.poll(() => popup.getByTestId('account-row').count(), { timeout: 10_000 }).toBe(URIS.length);
      await expectClean(popup, 'list');
      // A row just copied shows its code in the copied colour.
      await popup.getByTestId('copy-button').first().click();
      await popup.locator('.row.copied').waitFor();
      await expectClean(popup, 'list, code copied');
      await popup.getByTestId('search').fill('zzzz');
      await popup.getByTestId('no-results').waitFor();
      await expectClean(popup, 'no results');
      await popup.getByTestId('search').fill('');
      await popup.getByTestId('edit-button').first().click();
      await popup.getByTestId('edit-form').waitFor();
      await expectClean(popup, 'edit view');
      await popup.getByTestId('delete-button').click();
      await popup.getByTestId('delete-confirm').waitFor();
      await expectClean(popup, 'edit view, delete asked');
      await popup.getByTestId('delete-cancel').click();
      await popup.getByTestId('reveal-button').click();
      await popup.getByTestId('secret-panel').waitFor();
      await expectClean(popup, 'edit view, secret shown');
      await popup.getByTestId('back-button').click();
      await popup.getByTestId('settings-button').click();
      await popup.getByTestId('pin-settings').waitFor();
      await expectClean(popup, 'settings');
      await popup.close();
    });

    it('popup over a site: its accounts under its name', async () => {
      const list = await ext.openPopup();
      await emptyVault(list);
      await list.close();
      const page = await ext.context.newPage();
      await callFromTab(ext, 'accounts.addUri', { uri: demo.state.totpUri, site: 'localhost' });
      await callFromTab(ext, 'accounts.addUri', { uri: URIS[0]! });
      await page.goto(unique(`http://localhost:${demo.port}/login`));
      const popup = await clickAction(ext, page);
      await pollValue(() => popup.evaluate(`!!document.querySelector('[data-testid=site-heading]')`), (v) => v === true);
      for (const scheme of SCHEMES) {
        expect.soft(describeViolations(await axeInPopup(popup, scheme)), `popup over a site, ${scheme}`).toEqual([]);
      }
      await page.close();
    });

    it('full-tab page: accounts, import with a preview, backup, export and settings', async () => {
      const page = await ext.context.newPage();
      await page.goto(`${MANAGE_URL}#accounts`);
      await seed(page);
      for (const section of ['accounts', 'backup', 'export', 'settings']) {
        await page.goto(`${MANAGE_URL}#${section}`);
        await page.getByTestId(`section-${section}`).waitFor();
        await page.waitForLoadState('networkidle');
        await expectClean(page, `page: ${section}`);
      }
      await page.goto(`${MANAGE_URL}#import`);
      await page.getByTestId('section-import').waitFor();
      await expectClean(page, 'page: import');
      await page.getByTestId('import-paste').fill('otpauth://totp/New:carol?secret=ORSXG5A&issuer=New\n' + URIS[0]!);
      await page.getByTestId('import-paste-submit').click();
      await page.getByTestId('import-row').first().waitFor();
      await expectClean(page, 'page: import preview');
      await page.close();
    });

    it('in-page: the QR card', async () => {
      const popup = await ext.openPopup();
      await emptyVault(popup);
      await popup.close();
      const page = await ext.context.newPage();
      await page.goto(unique(`${demo.url}/setup?as=img`));
      await scanFromPopup(ext, page);
      const picker = new PickerView(page);
      await picker.waitForState(['preview']);
      expect(await exposeClosedRoot(page, 'twostep-scan')).toBe(true);
      await expectClean(page, 'QR card', 'twostep-scan');
      await page.close();
    });

    it('in-page: the inline Fill button', async () => {
      await callFromTab(ext, 'accounts.addUri', { uri: demo.state.totpUri, site: 'localhost' });
      await callFromTab(ext, 'settings.set', { inlineButton: true });
      await pollValue(() => registeredScripts(ext), (ids) => ids.length > 0);
      const page = await ext.context.newPage();
      await signIn(page, `http://localhost:${demo.port}`);
      await pollValue(() => new InlineButton(page).present(), (v) => v);
      expect(await exposeClosedRoot(page, 'twostep-fill')).toBe(true);
      await expectClean(page, 'inline Fill button', 'twostep-fill');
      await page.close();
    });

    it('popup: the PIN pad when locked, and the secret prompt', async () => {
      const popup = await ext.openPopup();
      await seed(popup);
      await popup.reload();
      await setPinInSettings(popup, PIN, 'pin', loadMessages(lang));
      await popup.getByTestId('edit-button').first().click();
      await popup.getByTestId('reveal-button').click();
      await popup.getByTestId('reveal-prompt').waitFor();
      await expectClean(popup, 'secret prompt');
      await popup.getByTestId('back-button').click();
      await lockNow(popup);
      await expectClean(popup, 'locked, PIN pad');
      await popup.close();
    });
  });
}
