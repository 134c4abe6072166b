// Draws the toolbar icons (a rounded square with two steps) as PNGs, so no image editor is needed.
// Run once with `node scripts/make-icons.mjs`; the PNGs are committed under public/icons.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Supersampled shape: rounded square background, two white "steps".
function shape(color) {
  return (u, v) => {
    let cover = 0;
    let white = 0;
    const n = 4;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = u + (i - 1.5) / (n * 128);
        const y = v + (j - 1.5) / (n * 128);
        const r = 0.2;
        const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
        const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
        if (dx * dx + dy * dy <= r * r) {
          cover++;
          const step1 = x > 0.2 && x < 0.55 && y > 0.55 && y < 0.75;
          const step2 = x > 0.45 && x < 0.8 && y > 0.25 && y < 0.45;
          if (step1 || step2) white++;
        }
      }
    const a = cover / (n * n);
    const w = cover ? white / cover : 0;
    return [
      Math.round(color[0] * (1 - w) + 255 * w),
      Math.round(color[1] * (1 - w) + 255 * w),
      Math.round(color[2] * (1 - w) + 255 * w),
      Math.round(a * 255),
    ];
  };
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(`public/icons/icon-${size}.png`, png(size, shape([37, 99, 235])));
  writeFileSync(`public/icons/icon-locked-${size}.png`, png(size, shape([100, 116, 139])));
}
