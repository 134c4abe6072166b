/** QR module matrices from the two generators real servers and pages use. */
import QRCode from 'qrcode';
import qrcodeGenerator from 'qrcode-generator';

export type EcLevel = 'L' | 'M' | 'Q' | 'H';

export interface Matrix {
  /** Modules per side. */
  size: number;
  dark(row: number, col: number): boolean;
}

/** soldair's `qrcode` (node servers): byte mode in UTF-8, with a chosen mask and a minimum version. */
export function qrcodeMatrix(text: string, ec: EcLevel, mask?: number, minVersion = 0): Matrix {
  const auto = QRCode.create(text, { errorCorrectionLevel: ec });
  const version = Math.max(auto.version, minVersion);
  const mp = mask as QRCode.QRCodeMaskPattern | undefined;
  const code = QRCode.create(text, { errorCorrectionLevel: ec, version, ...(mp === undefined ? {} : { maskPattern: mp }) });
  const { size, data } = code.modules;
  return packed(size, (r, c) => data[r * size + c] === 1);
}

/** Kazuhiko Arase's `qrcode-generator` (PHP/JS ports everywhere): its mask choice, a chosen or automatic version. */
export function generatorMatrix(text: string, ec: EcLevel, typeNumber = 0): Matrix {
  // Its default string conversion keeps only the low byte of each character: give it UTF-8 bytes.
  const bytes = String.fromCharCode(...new TextEncoder().encode(text));
  let qr = qrcodeGenerator(0, ec);
  qr.addData(bytes, 'Byte');
  qr.make();
  if (typeNumber > 0) {
    const auto = (qr.getModuleCount() - 17) / 4;
    qr = qrcodeGenerator(Math.min(40, Math.max(auto, typeNumber)) as Parameters<typeof qrcodeGenerator>[0], ec);
    qr.addData(bytes, 'Byte');
    qr.make();
  }
  const size = qr.getModuleCount();
  return packed(size, (r, c) => qr.isDark(r, c));
}

/** The modules in a flat array: the painters ask for each one many times per pixel row. */
function packed(size: number, dark: (r: number, c: number) => boolean): Matrix {
  const bits = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) bits[r * size + c] = dark(r, c) ? 1 : 0;
  return { size, dark: (r, c) => r >= 0 && c >= 0 && r < size && c < size && bits[r * size + c] === 1 };
}

/** True for the three 7×7 finder patterns (with their separators excluded). */
export function inFinder(size: number, r: number, c: number): boolean {
  return (r < 7 && c < 7) || (r < 7 && c >= size - 7) || (r >= size - 7 && c < 7);
}

/** The centre module of the bottom-right alignment pattern (versions 2 and up), or null for version 1. */
export function bottomRightAlignment(size: number): { row: number; col: number } | null {
  return size <= 21 ? null : { row: size - 7, col: size - 7 };
}
