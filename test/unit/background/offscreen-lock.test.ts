/**
 * The one offscreen document shared by clipboard clearing and QR decoding: Chrome throws on a second
 * createDocument while one exists, and closing it under a running job would lose that job's answer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCAN_IDLE_MS, withOffscreen } from '../../../src/background/offscreen';

interface FakeOffscreen {
  open: boolean;
  created: string[][];
  closed: number;
}

function installFake(): FakeOffscreen {
  const fake: FakeOffscreen = { open: false, created: [], closed: 0 };
  const api = {
    hasDocument: () => Promise.resolve(fake.open),
    createDocument: async ({ reasons }: { reasons: string[] }) => {
      await new Promise((r) => setTimeout(r, 5));
      if (fake.open) throw new Error('Only a single offscreen document may be created.');
      fake.open = true;
      fake.created.push(reasons);
    },
    closeDocument: () => {
      if (!fake.open) return Promise.reject(new Error('No current offscreen document.'));
      fake.open = false;
      fake.closed++;
      return Promise.resolve();
    },
  };
  (globalThis as unknown as { chrome: unknown }).chrome = { offscreen: api };
  return fake;
}

describe('withOffscreen', () => {
  let fake: FakeOffscreen;
  beforeEach(() => {
    vi.useFakeTimers();
    fake = installFake();
  });
  afterEach(() => {
    vi.useRealTimers();
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('creates one document for jobs that start together, whatever their reasons', async () => {
    const jobs = [withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => Promise.resolve(1)), withOffscreen(['CLIPBOARD'], 0, () => Promise.resolve(2))];
    await vi.advanceTimersByTimeAsync(50);
    await expect(Promise.all(jobs)).resolves.toEqual([1, 2]);
    expect(fake.created).toEqual([['BLOBS']]);
  });

  it('keeps the document open while a scan runs, even when a clipboard clear finishes meanwhile', async () => {
    let finishScan = (): void => undefined;
    const scan = withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => new Promise<void>((r) => (finishScan = r)));
    await vi.advanceTimersByTimeAsync(20);
    await withOffscreen(['CLIPBOARD'], 0, () => Promise.resolve());
    await vi.advanceTimersByTimeAsync(20);
    expect(fake.open).toBe(true);
    finishScan();
    await scan;
    // Still open for a second try, then closed once nothing has used it for SCAN_IDLE_MS.
    await vi.advanceTimersByTimeAsync(SCAN_IDLE_MS - 1_000);
    expect(fake.open).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.open).toBe(false);
    expect(fake.closed).toBe(1);
  });

  it('closes right after a clipboard clear, and after a failed job too', async () => {
    const clear = withOffscreen(['CLIPBOARD'], 0, () => Promise.resolve());
    await vi.advanceTimersByTimeAsync(20);
    await clear;
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.open).toBe(false);
    const failing = withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => Promise.reject(new Error('decode failed')));
    const settled = expect(failing).rejects.toThrow('decode failed');
    await vi.advanceTimersByTimeAsync(SCAN_IDLE_MS + 100);
    await settled;
    expect(fake.open).toBe(false);
    expect(fake.closed).toBe(2);
  });

  it('reuses a document that a new scan finds still open', async () => {
    await Promise.all([withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => Promise.resolve()), vi.advanceTimersByTimeAsync(20)]);
    await vi.advanceTimersByTimeAsync(SCAN_IDLE_MS / 2);
    await Promise.all([withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => Promise.resolve()), vi.advanceTimersByTimeAsync(20)]);
    await vi.advanceTimersByTimeAsync(SCAN_IDLE_MS / 2 + 100);
    // The first scan's timer was cancelled by the second: still open.
    expect(fake.open).toBe(true);
    expect(fake.created).toHaveLength(1);
  });
});
