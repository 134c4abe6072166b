/**
 * Shared steps for the popup end-to-end tests: the messages a user should read, the codes they should
 * see (computed independently with the otpauth library), and how a person adds an account.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HOTP, Secret, TOTP } from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import { TEST_EXTENSION_ID } from '../../scripts/extension-key';

export const EXTENSION_ORIGIN = `chrome-extension://${TEST_EXTENSION_ID}`;

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function loadMessages(lang: 'en' | 'nl'): Messages {
  const file = resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Messages;
}

/** A message as the browser shows it, with its placeholders filled in order. */
export function message(messages: Messages, key: string, ...subs: string[]): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return subs[Number(content.slice(1)) - 1] ?? '';
  });
}

export interface OtpParams {
  secret: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

/** TOTP codes for the step before, at and after `at`: a code read near a boundary may be either. */
export function totpAround(p: OtpParams, at = Date.now()): string[] {
  const period = p.period ?? 30;
  const totp = new TOTP({ secret: Secret.fromBase32(p.secret), algorithm: p.algorithm ?? 'SHA1', digits: p.digits ?? 6, period });
  return [-1, 0, 1].map((d) => totp.generate({ timestamp: at + d * period * 1000 }));
}

export function hotpAt(p: OtpParams, counter: number): string {
  return new HOTP({ secret: Secret.fromBase32(p.secret), algorithm: p.algorithm ?? 'SHA1', digits: p.digits ?? 6 }).generate({ counter });
}

/** The row of the account whose issuer reads `issuer` exactly. */
export function rowOf(page: Page, issuer: string): Locator {
  return page.getByTestId('account-row').filter({ has: page.getByTestId('issuer').getByText(issuer, { exact: true }) });
}

/** The code a row shows, without the grouping spaces. */
export async function codeIn(row: Locator): Promise<string> {
  return ((await row.getByTestId('code').textContent()) ?? '').replace(/\s/g, '');
}

export interface ByHand extends OtpParams {
  issuer: string;
  name: string;
  kind?: 'totp' | 'hotp' | 'steam';
  counter?: number;
}

/** Fills the add form as a person would; opens "Advanced" only when something non-default is wanted. */
export async function addByHand(page: Page, a: ByHand): Promise<void> {
  await page.getByTestId('add-button').click();
  await page.getByTestId('add-issuer').fill(a.issuer);
  await page.getByTestId('add-name').fill(a.name);
  await page.getByTestId('add-secret').fill(a.secret);
  if (a.kind || a.algorithm || a.digits || a.period || a.counter !== undefined) {
    await page.getByTestId('advanced').click();
    if (a.kind) await page.getByTestId('add-kind').selectOption(a.kind);
    if (a.algorithm) await page.getByTestId('add-algorithm').selectOption(a.algorithm);
    if (a.digits) await page.getByTestId('add-digits').fill(String(a.digits));
    if (a.period) await page.getByTestId('add-period').fill(String(a.period));
    if (a.counter !== undefined) await page.getByTestId('add-counter').fill(String(a.counter));
  }
  await page.getByTestId('add-submit').click();
}

export async function addByUri(page: Page, uri: string): Promise<void> {
  await page.getByTestId('add-button').click();
  await page.getByTestId('mode-uri').click();
  await page.getByTestId('add-uri').fill(uri);
  await page.getByTestId('add-submit').click();
}

/** Calls the background from an extension page, the way the popup's client does (for bulk setup only). */
export async function send(page: Page, method: string, arg: unknown): Promise<unknown> {
  return page.evaluate(
    async ([method, arg]) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ twostep: 1, method, arg });
    },
    [method, arg] as const,
  );
}

/** Every piece of text a person can read or hear: visible text, placeholders, labels and titles. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(attr);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/** An account as the protocol takes it, defaults filled in (for seeding a test's own state). */
export function accountInput(a: ByHand & { sites?: string[] }): Record<string, unknown> {
  return {
    kind: a.kind ?? 'totp',
    issuer: a.issuer,
    name: a.name,
    secret: a.secret,
    algorithm: a.algorithm ?? 'SHA1',
    digits: a.digits ?? 6,
    period: a.period ?? 30,
    counter: a.counter ?? 0,
    sites: a.sites ?? [],
  };
}

/**
 * A known state for one test: no accounts but `seed`, default display settings, and a popup page of its
 * own (so a slow step in one test cannot leave the next one on the wrong view).
 */
export async function freshPopup(
  ext: { openPopup(): Promise<Page> },
  seed: (ByHand & { sites?: string[] })[] = [],
  size = { width: 360, height: 560 },
): Promise<Page> {
  const setup = await ext.openPopup();
  try {
    const list = (await send(setup, 'accounts.list', null)) as { ok: boolean; value?: { id: string }[] };
    if (!list.ok || !list.value) throw new Error(`accounts.list failed: ${JSON.stringify(list)}`);
    for (const { id } of list.value) await send(setup, 'accounts.remove', { id });
    await send(setup, 'settings.set', { hideCodes: false });
    for (const a of seed) {
      const reply = (await send(setup, 'accounts.add', { input: accountInput(a) })) as { ok: boolean };
      if (!reply.ok) throw new Error(`seeding ${a.issuer} failed: ${JSON.stringify(reply)}`);
    }
  } finally {
    await setup.close();
  }
  const page = await ext.openPopup();
  await page.setViewportSize(size);
  await page.locator('.app[data-view="list"]').waitFor({ timeout: 15_000 });
  return page;
}
