/** The offscreen document's requests are validated before anything is decoded or cleared. */
import { describe, expect, it } from 'vitest';
import { isClipboardRequest, isDecodeReply, isDecodeRequest, MAX_CAPTURE_CHARS } from '../../src/shared/offscreen';

const capture = 'data:image/png;base64,iVBORw0KGgo=';
const decode = (over: Record<string, unknown>): unknown => ({ twostepOffscreen: 1, decodeQr: { capture, rect: { x: 1, y: 2, width: 30, height: 30 }, devicePixelRatio: 2, ...over } });

describe('offscreen messages', () => {
  it('accepts a well-formed decode request, with or without a box', () => {
    expect(isDecodeRequest(decode({}))).toBe(true);
    expect(isDecodeRequest(decode({ rect: null }))).toBe(true);
  });

  it.each([
    ['a URL that is not a PNG capture', { capture: 'https://evil.example/qr.png' }],
    ['an SVG data URL', { capture: 'data:image/svg+xml;base64,PHN2Zz4=' }],
    ['a capture over the size limit', { capture: capture + 'A'.repeat(MAX_CAPTURE_CHARS) }],
    ['a box with a NaN side', { rect: { x: 0, y: 0, width: Number.NaN, height: 3 } }],
    ['a box with a negative side', { rect: { x: 0, y: 0, width: -1, height: 3 } }],
    ['a zero device pixel ratio', { devicePixelRatio: 0 }],
    ['an absurd device pixel ratio', { devicePixelRatio: 1e6 }],
    ['a device pixel ratio as text', { devicePixelRatio: '2' }],
  ])('refuses %s', (_, over) => {
    expect(isDecodeRequest(decode(over))).toBe(false);
  });

  it('tells the two requests apart and refuses strangers', () => {
    expect(isClipboardRequest({ twostepOffscreen: 1, clearIf: '123456' })).toBe(true);
    expect(isDecodeRequest({ twostepOffscreen: 1, clearIf: '123456' })).toBe(false);
    expect(isClipboardRequest(decode({}))).toBe(false);
    expect(isDecodeRequest({ twostep: 1, method: 'scan.pick' })).toBe(false);
    expect(isDecodeRequest(null)).toBe(false);
  });

  it('checks the reply the worker gets back', () => {
    expect(isDecodeReply({ read: { text: 'otpauth://totp/a?secret=A', region: 'crop' }, times: {} })).toBe(true);
    expect(isDecodeReply({ read: null, times: {} })).toBe(true);
    expect(isDecodeReply({ read: { text: 'x', region: 'page' }, times: {} })).toBe(false);
    expect(isDecodeReply({ refused: true })).toBe(false);
    expect(isDecodeReply(undefined)).toBe(false);
  });
});
