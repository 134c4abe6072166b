/**
 * Files Twostep recognises but does not read, each with its own message instead of "unknown file":
 * - SQLite databases and Android shared-preferences XML (Google and Microsoft Authenticator,
 *   Stratum, Authy, Battle.net, TOTP Authenticator): internal app storage, only reachable on a rooted
 *   phone; every one of these apps has an export that Twostep reads or that shows QR codes.
 * - Zip archives (Authenticator Plus backups are password-protected zips).
 * - Java-serialised FreeOTP 2 backups (`externalBackup.xml`), Ente Auth's encrypted export (libsodium
 *   secretstream), and Aegis vaults whose only slots are biometric: encrypted in ways Twostep does
 *   not implement.
 */
import { TwostepError } from '../../errors';
import { startsWith } from '../bytes';
import { isRecord } from '../json';
import type { ImportFormat } from '../types';

const refuse = (id: string, detect: ImportFormat['detect'], code: TwostepError['code']): ImportFormat => ({
  id,
  detect,
  read: () => Promise.reject(new TwostepError(code, id)),
});

export const refused: ImportFormat[] = [
  refuse('sqlite', (s) => startsWith(s.bytes, 'SQLite format 3\0'), 'import_phone_database'),
  refuse('shared-preferences', (s) => s.text !== undefined && /^\s*(<\?xml[^>]*>\s*)?<map>/.test(s.text), 'import_phone_database'),
  refuse('zip', (s) => startsWith(s.bytes, 'PK\x03\x04') || startsWith(s.bytes, 'PK\x05\x06'), 'import_zip'),
  // 0xACED0005: Java Object Serialization stream magic and version (Java Object Serialization Spec §6.4.2).
  refuse('java-serialized', (s) => startsWith(s.bytes, Uint8Array.of(0xac, 0xed, 0x00, 0x05)), 'import_encrypted_unsupported'),
  refuse('ente-encrypted', (s) => isRecord(s.json) && isRecord(s.json.kdfParams) && 'encryptedData' in s.json, 'import_encrypted_unsupported'),
];
