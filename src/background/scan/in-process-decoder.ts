/**
 * A decoder host for a background page that has a DOM and may import lazily (Firefox's event page):
 * the decoders load at the first scan, in-process. Not for a Manifest V3 service worker, where
 * `import()` is not allowed; Chrome uses `offscreenDecoder`.
 */
import type { QrDecoderHost } from './decoder-host';

export const inProcessDecoder: QrDecoderHost = {
  async decode(capture, rect, dpr) {
    const { decodeCapture } = await import('../../shared/qr-capture');
    return decodeCapture(capture, rect, dpr);
  },
};
