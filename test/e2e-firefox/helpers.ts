/**
 * Steps for the Firefox end-to-end tests: reading and driving our pages through puppeteer, and codes
 * computed here from RFC 6238 with node's own HMAC (not the otpauth library the extension uses).
 */
import { createHmac } from 'node:crypto';
import type { Page } from 'puppeteer-core';

export const sel = (testId: string): string => `[data-testid="${testId}"]`;

/** Waits until `read()` satisfies `ok` (polling), or fails saying what it waited for and what it saw last. */
export async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function click(page: Page, testId: string): Promise<void> {
  await page.locator(sel(testId)).setTimeout(10_000).click();
}

export async function fill(page: Page, testId: string, text: string): Promise<void> {
  await page.locator(sel(testId)).setTimeout(10_000).fill(text);
}

export async function textOf(page: Page, testId: string): Promise<string | null> {
  return page.evaluate((s: string) => document.querySelector(s)?.textContent ?? null, sel(testId));
}

export interface Row {
  issuer: string;
  code: string;
}

/** The account rows as the popup shows them: issuer and code (without the grouping space). */
export function rows(page: Page): Promise<Row[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="account-row"]'), (row) => ({
      issuer: row.querySelector('[data-testid="issuer"]')?.textContent ?? '',
      code: (row.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\s/g, ''),
    })),
  );
}

export interface ByHand {
  issuer: string;
  name: string;
  secret: string;
}

/** The add form, filled as a person would. */
export async function addByHand(page: Page, a: ByHand): Promise<void> {
  await click(page, 'add-button');
  await fill(page, 'add-issuer', a.issuer);
  await fill(page, 'add-name', a.name);
  await fill(page, 'add-secret', a.secret);
  await click(page, 'add-submit');
  await until(`the row of ${a.issuer}`, () => rows(page), (r) => r.some((x) => x.issuer === a.issuer && /^\d{6}$/.test(x.code)));
}

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? []);
}

/** RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s) at `at`, with RFC 4226's dynamic truncation. */
export function totp(secret: string, at: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The codes for the step before, at and after now: a code read near a boundary may be either. */
export const totpAround = (secret: string, at = Date.now()): string[] => [-30_000, 0, 30_000].map((d) => totp(secret, at + d));
