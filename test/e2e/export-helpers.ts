/** Steps for the export tests: accounts set up through the protocol, and QR codes read off the screen. */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import type { AccountInput } from '../../src/core/account';
import { readImport } from '../../src/core/import';
import { decodeQr } from '../../src/core/qr/decode';
import { callFromTab } from './autofill-helpers';
import type { Extension } from './harness';

export const account = (fields: Partial<AccountInput> & Pick<AccountInput, 'issuer' | 'name' | 'secret'>): AccountInput => ({
  kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});

/** Adds the accounts through the protocol (setup, not under test) and returns their ids by name. */
export async function addAccounts(ext: Extension, accounts: AccountInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const input of accounts) {
    const view = (await callFromTab(ext, 'accounts.add', { input })) as { id: string };
    ids.set(input.name, view.id);
  }
  return ids;
}

/**
 * What the QR code `testId` on screen says, read from an element screenshot with Twostep's own QR
 * reader, once the canvas says its picture is complete (each code is a new canvas).
 */
export async function readQrOnScreen(page: Page, testId: string): Promise<string> {
  const code = page.locator(`[data-testid="${testId}"][data-ready]`);
  await code.waitFor({ timeout: 10_000 });
  const png = await code.screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const text = decodeQr({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
  if (text === null) throw new Error('no QR code could be read from the screenshot');
  return text;
}

/** A downloaded export read back by Twostep's importer. */
export async function importDownload(download: Download): Promise<{ format: string; accounts: AccountInput[] }> {
  const path = await download.path();
  const result = await readImport({ name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) });
  if (result.kind !== 'accounts') throw new Error(`the download needs a password: ${result.format}`);
  if (result.skipped.length > 0) throw new Error(`entries skipped: ${JSON.stringify(result.skipped)}`);
  return result;
}

/** For comparing without caring about order or sites (no transfer or plain format carries sites). */
export const comparable = (accounts: AccountInput[]): AccountInput[] =>
  accounts.map((a) => ({ ...a, sites: [] })).sort((a, b) => a.name.localeCompare(b.name));
