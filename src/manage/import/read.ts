/**
 * Turns what the user gave the page (files, dropped files, pasted text, QR screenshots) into sources
 * for the preview. Every file goes through `readImport`, which detects the format by content; images
 * are told apart by their first bytes, not their names, and read with the project's own QR reader.
 */
import type { ErrorCode } from '../../core/errors';
import { readImport, type ImportResult } from '../../core/import';
import { decodeQr } from '../../core/qr/decode';
import { errorCodeOf } from '../../shared/i18n';

/** One thing the user gave us, and how far reading it got. */
export type Source =
  | { id: string; name: string; status: 'reading' }
  /** Encrypted: the bytes wait (in this page's memory only) for the password. */
  | { id: string; name: string; status: 'password'; format: string; bytes: Uint8Array; error: ErrorCode | null }
  | { id: string; name: string; status: 'failed'; reason: ErrorCode }
  | { id: string; name: string; status: 'read'; result: Extract<ImportResult, { kind: 'accounts' }> };

let nextId = 0;
export const newSourceId = (): string => `s${++nextId}`;

/** Reads one file's bytes (or a paste turned into bytes), with the password once the user gave one. */
export async function readSource(id: string, name: string, bytes: Uint8Array, password?: string): Promise<Source> {
  try {
    const result = await readImport({ name, bytes }, password);
    if (result.kind === 'password_needed') return { id, name, status: 'password', format: result.format, bytes, error: null };
    return { id, name, status: 'read', result };
  } catch (error) {
    const reason = errorCodeOf(error);
    // A wrong password keeps the prompt open so the user can try again; nothing was read.
    if (reason === 'wrong_password' && password !== undefined) return { id, name, status: 'password', format: '', bytes, error: reason };
    return { id, name, status: 'failed', reason };
  }
}

export const textBytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** PNG, JPEG, GIF, WebP and BMP by their magic numbers: what phone screenshots are saved as. */
export function isImage(bytes: Uint8Array): boolean {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  const webp = starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP';
  return starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38) || webp || starts(0x42, 0x4d);
}

/** The text of the QR code in an image, or null when it holds none (or is not an image a browser decodes). */
export async function qrTextOf(bytes: Uint8Array): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    return null;
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return decodeQr({ data, width, height });
}

/**
 * An otpauth:// link, or a transfer link with at most a one-word label before it ("QR-Code:otpauth-migration://…",
 * as the migration parser accepts); "NOT A otpauth-migration:// URL" is another kind of code.
 */
const isAuthenticatorText = (text: string): boolean => /^\s*(?:otpauth|(?:[\w-]+:\s*)?otpauth-migration):\/\//i.test(text);

/**
 * Reads several QR screenshots as one source: a Google Authenticator export shows its accounts over
 * several codes ("1 of 3"), and read together the importer can tell when one of them is missing.
 * Images without a code, or with a code of another kind, each get a source that says so.
 */
export async function readQrImages(images: readonly { name: string; bytes: Uint8Array }[], label: string): Promise<Source[]> {
  const failed: Source[] = [];
  const texts: string[] = [];
  for (const image of images) {
    const text = await qrTextOf(image.bytes);
    if (text === null) failed.push({ id: newSourceId(), name: image.name, status: 'failed', reason: 'qr_not_found' });
    else if (!isAuthenticatorText(text)) failed.push({ id: newSourceId(), name: image.name, status: 'failed', reason: 'qr_not_authenticator' });
    else texts.push(text.trim());
  }
  if (texts.length === 0) return failed;
  return [await readSource(newSourceId(), label, textBytes(texts.join('\n'))), ...failed];
}
