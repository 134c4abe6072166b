/**
 * The popup keeps showing every code when Chrome stops the service worker, and after the browser
 * restarts on the same profile. Also renders the README screenshot; it is written to docs/popup.png only
 * with TWOSTEP_SCREENSHOT=1, so a test run leaves the work tree clean.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, newProfileDir, type Extension } from './harness';
import { addByHand, codeIn, rowOf, send, totpAround, type OtpParams } from './popup-helpers';

interface Seed extends OtpParams {
  kind?: 'totp' | 'steam';
  issuer: string;
  name: string;
}

const SEEDS: Seed[] = [
  { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', name: 'alice@gmail.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  { issuer: 'Microsoft', name: 'alice@outlook.com', secret: 'KRSXG5CTMVRXEZLUKN2XAZLS', digits: 8 },
  { issuer: 'Proton', name: 'alice@proton.me', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA256' },
  { issuer: 'Mastodon', name: '@alice@mastodon.social', secret: 'ONSWG4TFOQYTEMZUGU3DOOBZ', period: 60 },
  { issuer: 'Cloudflare', name: 'alice@example.com', secret: 'NBSWY3DPO5XXE3DEEBQWGY3P' },
  { issuer: 'Steam', name: 'alice_games', secret: 'GEZDGNBVGY3TQOJQGEZDGNBV', kind: 'steam' },
];
const TOTP_SEEDS = SEEDS.filter((s) => s.kind !== 'steam');

async function expectEveryCode(page: Page): Promise<void> {
  for (const seed of TOTP_SEEDS) {
    const row = rowOf(page, seed.issuer);
    await row.waitFor();
    expect(totpAround(seed), seed.issuer).toContain(await codeIn(row));
  }
  // Steam Guard: 5 characters from its own alphabet, shown as they are.
  expect(await rowOf(page, 'Steam').getByTestId('code').textContent()).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
}

/** Adds every seed through the worker, as a test's own known state. */
async function seedAll(page: Page, seeds: Seed[]): Promise<void> {
  for (const seed of seeds) {
    const input = { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...seed };
    await send(page, 'accounts.add', { input });
  }
}

// Each test has its own browser and profile and seeds its own accounts, so none starts where another
// stopped (issue 12): the restart test restarts a profile it filled itself.
describe('the popup across worker stops and browser restarts', () => {
  let ext: Extension | undefined;

  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = undefined;
  });

  it('shows every code after the service worker was stopped', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    const [first, ...rest] = SEEDS;
    if (first) await addByHand(page, first);
    await seedAll(page, rest);
    await page.reload();
    await expectEveryCode(page);
    await page.close();

    await ext.stopWorker();
    const reopened = await ext.openPopup();
    await expectEveryCode(reopened);
    expect(await reopened.getByTestId('account-row').count()).toBe(SEEDS.length);
    await reopened.close();
  });

  it('still has every account after the browser restarts on the same profile', async () => {
    const profileDir = newProfileDir();
    ext = await launchExtension({ profileDir });
    const before = await ext.openPopup();
    await seedAll(before, SEEDS);
    // Every add has been answered, so its write is committed before the browser closes.
    const listed = (await send(before, 'accounts.list', null)) as { value?: unknown[] };
    expect(listed.value?.length).toBe(SEEDS.length);
    await ext.close();
    ext = await launchExtension({ profileDir });
    const page = await ext.openPopup();
    await expectEveryCode(page);
    expect(await page.getByTestId('account-row').count()).toBe(SEEDS.length);
  });

  it('writes the README screenshot (docs/popup.png)', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAll(page, SEEDS);
    // The README shows the list itself, not the one-time PIN suggestion.
    await send(page, 'settings.set', { pinNudgeDismissed: true });
    await page.reload();
    await page.setViewportSize({ width: 360, height: 560 });
    await rowOf(page, 'GitHub').waitFor();
    await page.getByTestId('search').evaluate((el) => (el as HTMLInputElement).blur());
    await page.mouse.move(350, 550);
    const docs = process.env.TWOSTEP_SCREENSHOT === '1' ? resolve(import.meta.dirname, '../../docs') : mkdtempSync(join(tmpdir(), 'twostep-shot-'));
    mkdirSync(docs, { recursive: true });
    const file = resolve(docs, 'popup.png');
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(5_000);
  });
});
