/**
 * The popup keeps showing every code when Chrome stops the service worker, and after the browser
 * restarts on the same profile. Also renders the README screenshot; it is written to docs/popup.png only
 * with TWOSTEP_SCREENSHOT=1, so a test run leaves the work tree clean.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the popup across worker stops and browser restarts', () => {
  const profileDir = newProfileDir();
  let ext: Extension;

  beforeAll(async () => {
    ext = await launchExtension({ profileDir });
  });
  afterAll(async () => {
    await ext.close({ discard: true });
  });

  it('shows every code after the service worker was stopped', async () => {
    const page = await ext.openPopup();
    const [first, ...rest] = SEEDS;
    if (first) await addByHand(page, first);
    for (const seed of rest) {
      const input = { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...seed };
      await send(page, 'accounts.add', { input });
    }
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
    await ext.close();
    ext = await launchExtension({ profileDir });
    const page = await ext.openPopup();
    await expectEveryCode(page);
    expect(await page.getByTestId('account-row').count()).toBe(SEEDS.length);
  });

  it('writes the README screenshot (docs/popup.png)', async () => {
    const page = await ext.openPopup();
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
