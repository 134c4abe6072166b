/**
 * One browser for a popup test file, and a known state per test (issue 12: tests that do not depend on
 * each other): `fresh` empties the vault, seeds the test's own accounts and opens a popup page of its
 * own (freshPopup), closed after the test whatever happened in it.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { freshPopup } from './popup-helpers';

type Seed = Parameters<typeof freshPopup>[1];
type Size = Parameters<typeof freshPopup>[2];

export interface PopupSuite {
  readonly ext: Extension;
  /** A popup on a vault holding only `seed`, at `size`; closed after the test. */
  fresh(seed?: Seed, size?: Size): Promise<Page>;
}

/** Registers the file's hooks; call it inside `describe`. `clipboard`: copy tests read the clipboard. */
export function popupSuite({ lang, clipboard = false }: { lang?: 'en' | 'nl'; clipboard?: boolean } = {}): PopupSuite {
  let ext: Extension | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    ext = await launchExtension(lang ? { lang } : {});
    // Chromium refuses a grant scoped to a chrome-extension:// origin ("opaque origin"), so grant it to all.
    if (clipboard) await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
  });
  return {
    get ext(): Extension {
      if (!ext) throw new Error('the browser has not started');
      return ext;
    },
    async fresh(seed, size) {
      page = await freshPopup(this.ext, seed, size);
      return page;
    },
  };
}
