/**
 * Text of a decoded QR code from its segments. jsqr reads byte segments as UTF-8 only and returns ""
 * for anything else, but ISO/IEC 18004 §7.4 makes ISO-8859-1 the default and Japanese generators write
 * Shift_JIS without an ECI. Like zxing, we honour an ECI designator and otherwise guess: UTF-8, then
 * Shift_JIS, then ISO-8859-1 (every byte string is valid in the last).
 */
import type { Chunks } from 'jsqr/dist/decoder/decodeData';

/** ECI assignment numbers (AIM ECI specification) for the encodings browsers' TextDecoder knows. */
const ECI_ENCODINGS: ReadonlyMap<number, string> = new Map([
  [1, 'iso-8859-1'],
  [3, 'iso-8859-1'],
  [4, 'iso-8859-2'],
  [7, 'iso-8859-5'],
  [9, 'iso-8859-7'],
  [20, 'shift_jis'],
  [21, 'windows-1250'],
  [22, 'windows-1251'],
  [23, 'windows-1252'],
  [24, 'windows-1256'],
  [26, 'utf-8'],
  [28, 'big5'],
  [29, 'gb18030'],
  [30, 'euc-kr'],
]);

const GUESSES = ['utf-8', 'shift_jis'] as const;

/** Joins the segments of a jsqr result into text; byte runs are decoded as described above. */
export function chunksToText(chunks: Chunks): string {
  let text = '';
  let eci: string | undefined;
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) {
      text += decodeBytes(Uint8Array.from(run), eci);
      run = [];
    }
  };
  for (const chunk of chunks) {
    if ('assignmentNumber' in chunk) {
      flush();
      eci = ECI_ENCODINGS.get(chunk.assignmentNumber) ?? eci;
    } else if ('bytes' in chunk && String(chunk.type) === 'byte') {
      // Adjacent byte segments are decoded together: an encoder may split a multi-byte character.
      run.push(...chunk.bytes);
    } else if ('bytes' in chunk) {
      flush();
      // Kanji mode always carries Shift_JIS double-byte characters, whatever the ECI says.
      text += decodeBytes(Uint8Array.from(chunk.bytes), 'shift_jis');
    } else if ('text' in chunk) {
      flush();
      text += chunk.text;
    }
  }
  flush();
  return text;
}

function decodeBytes(bytes: Uint8Array, encoding: string | undefined): string {
  const candidates = encoding === undefined ? GUESSES : [encoding];
  for (const label of candidates) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // Not valid in this encoding (or unknown to this runtime): try the next.
    }
  }
  return latin1(bytes);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return text;
}
