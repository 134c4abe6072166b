/**
 * The Twostep backup file (docs/backup-format.md): UTF-8 JSON whose header is in the clear and whose
 * accounts are one AES-256-GCM ciphertext. The header says everything a decoder needs (format,
 * version, Argon2id salt and costs, IV) and is authenticated as additional data, so an edited header
 * is refused. Nothing about the accounts is in the clear, not even their number: a backup sits in a
 * Downloads folder or a cloud drive, and issuers and account names (often e-mail addresses) tell
 * anyone who finds it which services to phish the owner for.
 */
import { TwostepError } from '../errors';
import { base64, toBase64NoPad } from '../import/bytes';

export const BACKUP_FORMAT = 'twostep-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_CIPHER = 'aes-256-gcm';

/** Argon2id parameters as a backup records them (RFC 9106 §3.1; memory in KiB, lanes = parallelism). */
export interface BackupKdf {
  name: 'argon2id';
  salt: Uint8Array;
  memoryKiB: number;
  passes: number;
  lanes: number;
}

/** The authenticated header of a backup file. */
export interface BackupHeader {
  version: number;
  /** When the backup was written, ISO 8601 UTC with milliseconds (what `Date.toISOString` writes). */
  createdAt: string;
  kdf: BackupKdf;
  iv: Uint8Array;
  /** HMAC-SHA256(key, "twostep-backup key check"), first 16 bytes: tells a wrong password from a damaged file. */
  keyCheck: Uint8Array;
}

/** Standard base64 with padding (RFC 4648 §4), as the file writes every byte field. */
export const toBase64 = (bytes: Uint8Array): string => toBase64NoPad(bytes) + '='.repeat((3 - (bytes.length % 3)) % 3);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CANONICAL_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The additional data of the ciphertext: every header value, in file order, as written in the file
 * (integers in decimal, byte fields as their base64 text), joined by line feeds. No value can hold a
 * line feed, so the join is unambiguous, and any language can rebuild it without a JSON serializer.
 */
export function headerAad(header: BackupHeader): Uint8Array {
  const { kdf } = header;
  const parts = [BACKUP_FORMAT, header.version, header.createdAt, kdf.name, toBase64(kdf.salt), kdf.memoryKiB, kdf.passes, kdf.lanes, BACKUP_CIPHER, toBase64(header.iv), toBase64(header.keyCheck)];
  return new TextEncoder().encode(parts.join('\n'));
}

/** The file's text: header fields first (so a cut file is still recognised), then the ciphertext. */
export function writeBackupFile(header: BackupHeader, data: Uint8Array): Uint8Array {
  const { kdf } = header;
  const file = {
    format: BACKUP_FORMAT,
    version: header.version,
    createdAt: header.createdAt,
    kdf: { name: kdf.name, salt: toBase64(kdf.salt), memoryKiB: kdf.memoryKiB, passes: kdf.passes, lanes: kdf.lanes },
    cipher: { name: BACKUP_CIPHER, iv: toBase64(header.iv) },
    keyCheck: toBase64(header.keyCheck),
    data: toBase64(data),
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
}

/** True when a file's text starts like a Twostep backup, even if it was cut short afterwards. */
export function looksLikeBackup(text: string | undefined): boolean {
  return text !== undefined && /^\s*\{\s*"format"\s*:\s*"twostep-backup"/.test(text);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const damaged = (what: string): TwostepError => new TwostepError('backup_damaged', what);

function bytesField(value: unknown, what: string, min: number, max: number): Uint8Array {
  if (typeof value !== 'string' || !CANONICAL_B64.test(value)) throw damaged(what);
  const bytes = base64(value, 'backup_damaged');
  if (bytes.length < min || bytes.length > max) throw damaged(what);
  return bytes;
}

function intField(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw damaged(what);
  return value;
}

/**
 * Parses a backup file's JSON (already parsed by the caller) into its header and ciphertext. A newer
 * version is `backup_newer` (update Twostep); any missing or ill-formed field is `backup_damaged`.
 * KDF costs are only checked for shape here: `checkBackupKdf` applies the ceiling before deriving.
 */
export function parseBackupFile(json: unknown): { header: BackupHeader; data: Uint8Array } {
  if (!isRecord(json) || json.format !== BACKUP_FORMAT) throw damaged('format');
  if (typeof json.version !== 'number') throw damaged('version');
  if (json.version !== BACKUP_VERSION) throw new TwostepError('backup_newer', String(json.version).slice(0, 8));
  const { kdf, cipher } = json;
  if (typeof json.createdAt !== 'string' || !ISO.test(json.createdAt)) throw damaged('createdAt');
  if (!isRecord(kdf) || kdf.name !== 'argon2id') throw damaged('kdf');
  if (!isRecord(cipher) || cipher.name !== BACKUP_CIPHER) throw damaged('cipher');
  const header: BackupHeader = {
    version: json.version,
    createdAt: json.createdAt,
    kdf: {
      name: 'argon2id',
      salt: bytesField(kdf.salt, 'salt', 8, 64),
      memoryKiB: intField(kdf.memoryKiB, 'memoryKiB'),
      passes: intField(kdf.passes, 'passes'),
      lanes: intField(kdf.lanes, 'lanes'),
    },
    iv: bytesField(cipher.iv, 'iv', 12, 12),
    keyCheck: bytesField(json.keyCheck, 'keyCheck', 16, 16),
  };
  // The data is at least the 16-byte GCM tag; a file of a million accounts is far below 8 MiB.
  return { header, data: bytesField(json.data, 'data', 16, 8 * 1024 * 1024) };
}
