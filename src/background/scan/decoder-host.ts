/**
 * Where a tab capture is decoded. Chrome: in the offscreen document (`offscreenDecoder`), so neither
 * the worker's start nor the popup loads jsqr or zxing-wasm. A background with a DOM that can import
 * lazily (Firefox's event page) can decode in-process instead (`inProcessDecoder`).
 */
import type { DecodeReply } from '../../shared/offscreen';
import type { PageRect } from '../../shared/protocol';

export interface QrDecoderHost {
  /**
   * Decodes the QR code in `capture` (a PNG data URL of the visible tab): inside `rect` (viewport CSS
   * px, times `dpr`) first, then anywhere. `read` is null when there is none.
   */
  decode(capture: string, rect: PageRect | null, dpr: number): Promise<DecodeReply>;
}
