import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';

describe('the built extension', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext.close({ discard: true });
  });

  it('loads its worker and popup', async () => {
    const worker = await ext.worker();
    expect(worker.url()).toContain('chrome-extension://');
    const popup = await ext.openPopup();
    await expect(popup.locator('body').textContent()).resolves.toContain('Twostep');
  });
});
