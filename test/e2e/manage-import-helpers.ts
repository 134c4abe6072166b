/**
 * Steps for the import page's end-to-end tests: open the Import section, hand it files as a person
 * would (the real file input, a drop), read the preview table, and check the popup's codes, computed
 * independently with the otpauth library.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HOTP, Secret } from 'otpauth';
import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { IMPORT_DIR } from '../unit/import/fixtures';
import { MANAGE_URL, type Extension } from './harness';
import { hotpAt, loadMessages, message, send, totpAround } from './popup-helpers';

export const en = loadMessages('en');

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A fixture file from ../shared/fixtures/import, read in place. */
export function fixture(relative: string): FilePayload {
  return { name: path.basename(relative), mimeType: 'application/octet-stream', buffer: readFileSync(path.join(IMPORT_DIR, relative)) };
}

export function textFile(name: string, text: string): FilePayload {
  return { name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') };
}

/** A PNG of a QR code holding `text`, drawn by qrcode-generator and rasterised by sharp. */
export async function qrPng(name: string, text: string): Promise<FilePayload> {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: false });
  return { name, mimeType: 'image/png', buffer: await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer() };
}

/** A PNG with no QR code in it: a grey gradient-free square with a few blocks. */
export async function blankPng(name: string): Promise<FilePayload> {
  const buffer = await sharp({ create: { width: 240, height: 240, channels: 3, background: '#dfe6ee' } }).png().toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

/** Opens the page at #import (fresh tab) and waits for the section. */
export async function openImport(ext: Extension): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${MANAGE_URL}#import`);
  await page.getByTestId('section-import').waitFor();
  await page.getByTestId('import-file').waitFor({ state: 'attached' });
  return page;
}

/** Removes every account (setup, through the protocol), so each case starts from an empty vault. */
export async function emptyVault(page: Page): Promise<void> {
  const list = (await send(page, 'accounts.list', null)) as { ok: boolean; value: { id: string }[] };
  if (!list.ok) throw new Error('accounts.list failed');
  for (const { id } of list.value) await send(page, 'accounts.remove', { id });
}

export async function accountCount(page: Page): Promise<number> {
  const list = (await send(page, 'accounts.list', null)) as { ok: boolean; value: unknown[] };
  if (!list.ok) throw new Error('accounts.list failed');
  return list.value.length;
}

export interface PreviewCells {
  issuer: string;
  name: string;
  kind: string;
  algorithm: string;
  digits: string;
  period: string;
  ticked: boolean;
  duplicate: string | null;
}

/** The preview's rows as a person reads them, once exactly `count` rows are shown. */
export async function previewOf(page: Page, count: number): Promise<PreviewCells[]> {
  await expect.poll(() => page.getByTestId('import-row').count(), { timeout: 20_000 }).toBe(count);
  return page.getByTestId('import-row').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = (id: string): string => row.querySelector(`[data-testid="${id}"]`)?.firstChild?.textContent?.trim() ?? '';
      return {
        issuer: cell('import-issuer'),
        name: cell('import-name'),
        kind: cell('import-kind'),
        algorithm: cell('import-algorithm'),
        digits: cell('import-digits'),
        period: cell('import-period'),
        ticked: (row.querySelector('[data-testid="import-tick"]') as HTMLInputElement).checked,
        duplicate: row.getAttribute('data-duplicate'),
      };
    }),
  );
}

const ALGORITHM = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' } as const;

/** The cells the preview should show for `account`, from the English messages. */
export function expectedCells(account: AccountInput): Omit<PreviewCells, 'ticked' | 'duplicate'> {
  return {
    issuer: account.issuer,
    name: account.name,
    kind: message(en, `kind_${account.kind}`),
    algorithm: ALGORITHM[account.algorithm],
    digits: String(account.digits),
    period: account.kind === 'hotp' ? message(en, 'manage_import_counter', String(account.counter)) : message(en, 'manage_import_period', String(account.period)),
  };
}

/** Steam Guard: the HOTP value of the 30 s step, written in Steam's 26-letter alphabet (5 characters). */
function steamAround(secret: string, at = Date.now()): string[] {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  return [-1, 0, 1].map((d) => {
    let value = Number(new HOTP({ secret: Secret.fromBase32(secret), digits: 10 }).generate({ counter: Math.floor((at + d * 30_000) / 30_000) }));
    let code = '';
    for (let i = 0; i < 5; i++) {
      code += alphabet[value % alphabet.length];
      value = Math.floor(value / alphabet.length);
    }
    return code;
  });
}

/** The codes a person could see for `account` now (a code read near a period boundary may be either). */
export function codesNow(account: AccountInput): string[] {
  if (account.kind === 'hotp') return [hotpAt(account, account.counter)];
  if (account.kind === 'steam') return steamAround(account.secret);
  return totpAround(account);
}

/** Opens the popup and checks that it lists exactly `accounts`, each with a right code. */
export async function expectPopupCodes(ext: Extension, accounts: readonly AccountInput[]): Promise<void> {
  const popup = await ext.openPopup();
  try {
    await expect.poll(() => popup.getByTestId('account-row').count(), { timeout: 15_000 }).toBe(accounts.length);
    const shown = await popup.getByTestId('account-row').evaluateAll((rows) =>
      rows.map((row) => ({
        issuer: row.querySelector('[data-testid="issuer"]')?.textContent?.trim() ?? '',
        name: row.querySelector('[data-testid="account-name"]')?.textContent?.trim() ?? '',
        code: (row.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\s/g, ''),
      })),
    );
    for (const account of accounts) {
      // Without an issuer the popup shows the name in the issuer's place.
      const row = shown.find((r) => (account.issuer ? r.issuer === account.issuer && r.name === account.name : r.issuer === account.name && r.name === ''));
      expect(row, `${account.issuer}: ${account.name} in the popup`).toBeDefined();
      expect(codesNow(account), `${account.issuer}: ${account.name}`).toContain(row?.code);
    }
  } finally {
    await popup.close();
  }
}
