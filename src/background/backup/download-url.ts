/**
 * The URL a backup file is downloaded from. A Chrome service worker has no `URL.createObjectURL`, so
 * there the file goes as a data: URL (measured with Chromium 156: a 20 MB file downloads complete; a
 * 1,000-account backup is under 1 MB). Firefox's event page has one, and Firefox's downloads API is
 * built for blob: URLs, so there the file is a blob, released once the download has had time to read it.
 */
import { toBase64 } from '../../core/vault/crypto';
import { FIREFOX } from '../../shared/target';

/** How long a blob: URL stays valid: the download reads it at once, and a stopped page frees it anyway. */
const BLOB_LIFETIME_MS = 60_000;

export function downloadUrl(bytes: Uint8Array): string {
  if (!FIREFOX) return `data:application/json;base64,${toBase64(bytes)}`;
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }));
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
  return url;
}
