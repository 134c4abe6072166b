import { chromium } from 'playwright-core';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { decodeQr } from './src/core/qr/decode.ts';
import { startDemoServer } from './scripts/demo-server.ts';
const site = await startDemoServer();
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
await p.goto(site.url + '/setup');
const box = (await p.locator('#qr-img').boundingBox())!;
const png = await p.screenshot();
const m = Math.max(8, 0.1 * box.width);
for (const side of [160, 200, 256, 320, 412]) {
  const { data, info } = await sharp(png).extract({ left: Math.round((box.x - m) * 2), top: Math.round((box.y - m) * 2), width: Math.round((box.width + 2 * m) * 2), height: Math.round((box.height + 2 * m) * 2) }).resize(side, side, { kernel: 'linear' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const img = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  for (let i = 0; i < 3; i++) decodeQr(img);
  const time = (f: () => unknown, n = 10) => { const t = performance.now(); let r; for (let i = 0; i < n; i++) r = f(); return [((performance.now() - t) / n).toFixed(1), !!r]; };
  console.log(side, 'decodeQr', time(() => decodeQr(img)), 'jsqr both', time(() => jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })), 'jsqr dont', time(() => jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })));
}
await b.close(); await site.close();
