/** The Chrome decoder host: the capture goes to the offscreen document, which answers only the worker. */
import browser from 'webextension-polyfill';
import { TwostepError } from '../../core/errors';
import { type DecodeRequest, isDecodeReply } from '../../shared/offscreen';
import { SCAN_IDLE_MS, withOffscreen } from '../offscreen';
import type { QrDecoderHost } from './decoder-host';

export const offscreenDecoder: QrDecoderHost = {
  async decode(capture, rect, devicePixelRatio) {
    const request: DecodeRequest = { twostepOffscreen: 1, decodeQr: { capture, rect, devicePixelRatio } };
    // BLOBS: the document turns the capture into a Blob and an ImageBitmap to read its pixels.
    const reply: unknown = await withOffscreen(['BLOBS'], SCAN_IDLE_MS, () => browser.runtime.sendMessage(request));
    if (!isDecodeReply(reply)) throw new TwostepError('internal', 'no decoder reply');
    return reply;
  },
};
