/**
 * Gzipped size of the fill content scripts as built (target: at most 15 KB each, OTP-field detection
 * included). Run after `npm run build:test`: node --import tsx bench/autofill.ts
 */
import { resolve } from 'node:path';
import { gzippedBytes, reachableScripts } from './sizes';

const dist = resolve(import.meta.dirname, '../dist');
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

for (const [name, entry] of [
  ['fill', 'src/content/fill/main.js'],
  ['fill, inline button', 'src/content/fill/inline.js'],
] as const) {
  console.log(`content script (${name}) gzipped: ${kb(gzippedBytes(reachableScripts(dist, entry)))} KB`);
}
