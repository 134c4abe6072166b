/**
 * The messages between the worker and its one offscreen document (not part of the page protocol):
 * clearing the clipboard, and decoding a QR code from a tab capture. Chrome allows one offscreen
 * document per extension, so the same page serves both.
 */
import type { PageRect } from './protocol';

export const OFFSCREEN_PATH = 'src/offscreen/index.html';

export interface ClipboardRequest {
  twostepOffscreen: 1;
  /** Clear the clipboard if it holds exactly this. */
  clearIf: string;
}

export interface ClipboardReply {
  /** False when the clipboard held something else (left alone) or could not be read. */
  cleared: boolean;
}

export interface DecodeRequest {
  twostepOffscreen: 1;
  decodeQr: {
    /** The tab capture as `tabs.captureVisibleTab` gives it: a PNG data URL. */
    capture: string;
    /** The picked element's box in viewport CSS px, or null to read the whole tab. */
    rect: PageRect | null;
    devicePixelRatio: number;
  };
}

/** A QR code's text and where it was read: in the crop around the picked box, or anywhere in the tab. */
export interface QrRead {
  text: string;
  region: 'crop' | 'tab';
}

/** How long each part took in the document, for the bench (`bench/scan.ts`). */
export interface DecodeTimes {
  /** The crop: reading its pixels back, then the readers as `readCrop` runs them (loading zxing included, if it came to that). */
  crop?: number;
  /** Of `crop`, drawing and reading back. */
  cropPixels?: number;
  /** The whole tab: read-back plus zxing, then jsqr where zxing found nothing. */
  tab?: number;
  /** Importing the decoders and compiling zxing's WebAssembly (first scan in this document only). */
  load?: number;
}

export interface DecodeReply {
  read: QrRead | null;
  times: DecodeTimes;
}

export type OffscreenRequest = ClipboardRequest | DecodeRequest;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The longest capture we accept: a 4K tab at DPR 3 as PNG is well under this (Chrome's message limit is 64 MiB). */
export const MAX_CAPTURE_CHARS = 48 * 1024 * 1024;

function isRect(v: unknown): v is PageRect {
  return isObject(v) && finite(v.x) && finite(v.y) && finite(v.width) && finite(v.height) && v.width >= 0 && v.height >= 0;
}

export function isClipboardRequest(m: unknown): m is ClipboardRequest {
  return isObject(m) && m.twostepOffscreen === 1 && typeof m.clearIf === 'string';
}

export function isDecodeRequest(m: unknown): m is DecodeRequest {
  if (!isObject(m) || m.twostepOffscreen !== 1 || !isObject(m.decodeQr)) return false;
  const { capture, rect, devicePixelRatio } = m.decodeQr;
  return (
    typeof capture === 'string' &&
    capture.length <= MAX_CAPTURE_CHARS &&
    capture.startsWith('data:image/png;base64,') &&
    (rect === null || isRect(rect)) &&
    finite(devicePixelRatio) &&
    devicePixelRatio > 0 &&
    devicePixelRatio <= 8
  );
}

/** The document's answer to a decode request, checked on the worker's side too (it crosses a boundary). */
export function isDecodeReply(m: unknown): m is DecodeReply {
  if (!isObject(m) || !isObject(m.times)) return false;
  const { read } = m;
  return read === null || (isObject(read) && typeof read.text === 'string' && (read.region === 'crop' || read.region === 'tab'));
}
