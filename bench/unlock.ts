/**
 * Unlock figures with the default KDF (Argon2id, 64 MiB, 3 passes): time from pressing Enter on the
 * PIN pad to the codes on screen, and the popup's time to its unlock screen when the vault is locked.
 * Also one Argon2id run in node, the figure the README's brute-force estimate uses.
 */
import { argon2idRaw, DEFAULT_KDF } from '../src/core/vault/kdf';
import { launchExtension, POPUP_URL } from '../test/e2e/harness';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const PIN = '246810';
type Send = (method: string, arg: unknown) => Promise<unknown>;

export async function benchUnlock(): Promise<string[]> {
  const lines: string[] = [];
  const kdf: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await argon2idRaw(PIN, { ...DEFAULT_KDF, salt: new Uint8Array(16).fill(i) });
    kdf.push(performance.now() - t0);
  }
  lines.push(`Argon2id (${DEFAULT_KDF.memoryKiB / 1024} MiB, ${DEFAULT_KDF.passes} passes) in node, one core: ${median(kdf).toFixed(0)} ms median`);

  // BENCH_DIST: another build to measure (an older one, for before/after), as in bench/popup.ts.
  const ext = await launchExtension(process.env.BENCH_DIST ? { dist: process.env.BENCH_DIST } : {});
  try {
    const page = await ext.openPopup();
    const send: Send = (method, arg) =>
      page.evaluate(
        ([m, a]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ twostep: 1, method: m, arg: a }),
        [method, arg] as const,
      );
    for (let i = 0; i < 10; i++) {
      const secret = `JBSWY3DPEHPK3PX${'ABCDEFGHIJ'[i]}`;
      await send('accounts.add', { input: { kind: 'totp', issuer: `Service ${i}`, name: 'alice', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] } });
    }
    await send('vault.setPin', { next: PIN, kind: 'pin', current: null });
    await page.close();
    const toScreen: number[] = [];
    const toCodes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const popup = await ext.context.newPage();
      await popup.goto(POPUP_URL);
      // Lock through the protocol (setup), then measure the popup opening on a locked vault.
      await popup.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ twostep: 1, method: 'vault.lock', arg: null }),
      );
      await popup.goto(POPUP_URL);
      await popup.getByTestId('locked-view').waitFor();
      toScreen.push(await popup.evaluate<number>('performance.now()'));
      const input = popup.getByTestId('unlock-input');
      await input.waitFor();
      await popup.keyboard.type(PIN);
      const t0 = Date.now();
      await popup.keyboard.press('Enter');
      await popup.getByTestId('code').first().waitFor({ timeout: 10_000 });
      toCodes.push(Date.now() - t0);
      await popup.close();
    }
    lines.push(`locked popup → unlock screen: ${median(toScreen).toFixed(0)} ms median (navigation start to the PIN pad)`);
    lines.push(`unlock, Enter → codes on screen (10 accounts): ${median(toCodes).toFixed(0)} ms median (target <= 1,000 ms)`);
  } finally {
    await ext.close({ discard: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchUnlock()) console.log(line);
}
