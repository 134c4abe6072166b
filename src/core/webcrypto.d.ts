/**
 * core/ is checked without DOM types (src/core/tsconfig.json), so that `document`, `window` or
 * `navigator` in core fails to compile. WebCrypto is not DOM: it is in every browser context and in
 * node, whose types give the `crypto` global but not the type names. This names them, for core's own
 * check only; the root tsconfig excludes this file and uses the DOM's identical declarations.
 */
import type { webcrypto } from 'node:crypto';

declare global {
  type CryptoKey = webcrypto.CryptoKey;
  type SubtleCrypto = webcrypto.SubtleCrypto;
}
