/**
 * Files Twostep recognises but does not read, each with its own message instead of "unknown file":
 * - SQLite databases and Android shared-preferences XML (Google and Microsoft Authenticator,
 *   Stratum, Authy, Battle.net, TOTP Authenticator): internal app storage, only reachable on a rooted
 *   phone; every one of these apps has an export that Twostep reads or that shows QR codes.
 * - Zip archives other than Authenticator Plus backups (authenticator-plus.ts).
 * - Images: a QR screenshot goes through the page's QR reader (`import_image` says so).
 * - PDFs and compressed files: not exports.
 *   They are named here so that the andOTP fallback ("binary and nothing else") does not claim them.
 * - Aegis vaults whose only slots are biometric (aegis.ts): their key is in the phone's keystore.
 */
import { TwostepError } from '../../errors';
import { startsWith } from '../bytes';
import type { ImportFormat } from '../types';

const refuse = (id: string, detect: ImportFormat['detect'], code: TwostepError['code']): ImportFormat => ({
  id,
  detect,
  read: () => Promise.reject(new TwostepError(code, id)),
});

/** Image signatures: a QR screenshot, which the page reads with its QR reader, not as a file. */
const IMAGES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
];

/** File signatures (magic numbers) of other formats that are never an authenticator export. */
const NOT_EXPORTS: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x1f, 0x8b, 0x08], // gzip, deflate
];

/**
 * BMP's signature is only two bytes, which an andOTP ciphertext (random from its first byte) starts
 * with once in 65,536 files; the file-size field that follows must match too.
 */
function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 14 && bytes[0] === 0x42 && bytes[1] === 0x4d && new DataView(bytes.buffer, bytes.byteOffset).getUint32(2, true) === bytes.length;
}

/** Recognised files that are refused, each with the code that says why. */
export const refused: ImportFormat[] = [
  refuse('image', (s) => isBmp(s.bytes) || IMAGES.some((magic) => startsWith(s.bytes, Uint8Array.from(magic))), 'import_image'),
  refuse('not-an-export', (s) => NOT_EXPORTS.some((magic) => startsWith(s.bytes, Uint8Array.from(magic))), 'import_unknown_format'),
  refuse('sqlite', (s) => startsWith(s.bytes, 'SQLite format 3\0'), 'import_phone_database'),
  refuse('shared-preferences', (s) => s.text !== undefined && /^\s*(<\?xml[^>]*>\s*)?<map>/.test(s.text), 'import_phone_database'),
  refuse('zip', (s) => startsWith(s.bytes, 'PK\x03\x04') || startsWith(s.bytes, 'PK\x05\x06'), 'import_zip'),
];
