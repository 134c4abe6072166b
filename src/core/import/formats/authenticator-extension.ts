/**
 * Backups of the Authenticator browser extension (github.com/Authenticator-Extension/Authenticator,
 * src/models/storage.ts and src/import.ts): a JSON object of entries keyed by their hash,
 * `{<hash>: {type, issuer, account, secret, encrypted, counter?, period?, digits?, algorithm?}}`.
 * Encrypted backups keep the same shape with CryptoJS-encrypted values (see cryptojs.ts):
 * - v3: entries carry `keyId`; the key object `{dataType: "Key", id, salt, hash}` stores no key:
 *   the CryptoJS passphrase is the unpadded base64 of Argon2id(password, salt, t=2, m=19 MiB, p=1,
 *   32 bytes), and `hash` is an Argon2id PHC string of that passphrase, used to check the password.
 *   Entries are either `encrypted: true` with an encrypted `secret`, or `dataType: "EncOTPStorage"`
 *   with the whole entry's JSON encrypted in `data`.
 * - v2: a top-level `key: {enc, hash}` (or bare `enc`/`hash`); the passphrase is the hex of
 *   CryptoJS.AES.decrypt(enc, password), checked against the Argon2id PHC string `hash`.
 * Checked against the extension's source at 9d9660bb (2024-10-10): BackupPage.vue writes the files,
 * storage.ts (getOTPStorageFromEntry, backupGetExport) the entries, Accounts.ts the keys.
 * - v1: `encrypted: true` entries, secret encrypted with the password itself.
 */
import { TwostepError } from '../../errors';
import { base64, hex, toBase64NoPad, utf8Bytes, utf8OrUndefined } from '../bytes';
import { Collector, entryLabel } from '../collect';
import type { JsonRecord } from '../json';
import { isRecord, lookup, optNumber, optString, parseJson, record, string } from '../json';
import type { Kdf } from '../kdf';
import type { ImportContext, ImportFormat } from '../types';
import type { RawAccount } from './common';
import { toAccount } from './common';
import { cryptoJsDecrypt } from './cryptojs';

const ARGON2 = { iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 } as const;
/** OTPType in src/models/otp.ts, by name and by number. */
const TYPES = ['totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'] as const;
type ExtensionType = (typeof TYPES)[number];
/** OTPAlgorithm: 1 SHA1, 2 SHA256, 3 SHA512, 4 and 5 GOST R 34.11-2012 (which Twostep cannot compute). */
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512', 'GOST3411_2012_256', 'GOST3411_2012_512'];
const TOP_LEVEL_KEYS = new Set(['key', 'enc', 'hash']);

const isEntry = (value: unknown): boolean =>
  isRecord(value) &&
  (value.dataType === 'OTPStorage' || value.dataType === 'EncOTPStorage' || (typeof value.secret === 'string' && typeof value.encrypted === 'boolean'));

/** Authenticator-Extension JSON backup, plain or encrypted. */
export const authenticatorExtension: ImportFormat = {
  id: 'authenticator-extension',
  detect: (source) => isRecord(source.json) && Object.values(source.json).some(isEntry),
  async read(source, context) {
    const file = record(source.json, 'authenticator');
    const entries = Object.entries(file).filter(([key, value]) => !TOP_LEVEL_KEYS.has(key) && isRecord(value) && value.dataType !== 'Key');
    const encrypted = entries.some(([, value]) => isRecord(value) && (value.encrypted === true || value.dataType === 'EncOTPStorage'));
    if (encrypted && context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const unlock = new Unlocker(file, context);
    const collector = new Collector(this.id);
    let position = 0;
    for (const [, value] of entries) {
      position++;
      let entry = record(value, 'entry');
      if (entry.dataType === 'EncOTPStorage') {
        const json = await unlock.open(string(entry.data, 'data'), optString(entry.keyId, 'keyId'));
        const inner = json === undefined ? undefined : parseJson(utf8OrUndefined(json) ?? '');
        if (!isRecord(inner)) {
          collector.skip(`#${position}`, 'import_malformed');
          continue;
        }
        entry = { ...inner, encrypted: false };
      }
      let secret = optString(entry.secret, 'secret');
      if (entry.encrypted === true && secret !== undefined) {
        const plain = await unlock.open(secret, optString(entry.keyId, 'keyId'));
        secret = plain === undefined ? undefined : utf8OrUndefined(plain);
        if (secret === undefined) {
          collector.skip(entryLabel(entry.issuer, entry.account, position), 'import_malformed');
          continue;
        }
      }
      const label = entryLabel(entry.issuer, entry.account, position);
      const fields = entry;
      collector.add(label, () => toAccount(toRaw(fields, secret)));
    }
    return collector.result();
  },
};

/** Finds and checks the passphrase for each key id once; a wrong password fails the whole file. */
class Unlocker {
  private readonly passphrases = new Map<string, Promise<string>>();

  constructor(
    private readonly file: JsonRecord,
    private readonly context: ImportContext,
  ) {}

  async open(text: string, keyId: string | undefined): Promise<Uint8Array | undefined> {
    const id = keyId ?? '';
    let passphrase = this.passphrases.get(id);
    if (passphrase === undefined) {
      passphrase = this.passphrase(keyId);
      this.passphrases.set(id, passphrase);
    }
    const plain = await cryptoJsDecrypt(text, await passphrase);
    if ((plain === undefined || utf8OrUndefined(plain) === undefined) && !isRecord(lookup(this.file, id))) {
      // v1 has no password check of its own: a value that does not open means the password. CryptoJS's
      // padding check lets about one wrong password in 256 "open" a value, into bytes that are not text.
      throw new TwostepError('wrong_password');
    }
    return plain;
  }

  private async passphrase(keyId: string | undefined): Promise<string> {
    const password = this.context.password ?? '';
    const key = keyId === undefined ? undefined : lookup(this.file, keyId);
    if (isRecord(key) && key.dataType === 'Key') {
      const salt = utf8Bytes(string(key.salt, 'key salt'));
      const derived = toBase64NoPad(await this.context.kdf.argon2id(utf8Bytes(password), salt, ARGON2, 32));
      if (!(await verifyPhc(string(key.hash, 'key hash'), derived, this.context.kdf))) {
        throw new TwostepError('wrong_password');
      }
      return derived;
    }
    const old = isRecord(this.file.key) ? this.file.key : typeof this.file.enc === 'string' ? this.file : undefined;
    if (old !== undefined) {
      const plain = await cryptoJsDecrypt(string(old.enc, 'key enc'), password);
      if (plain === undefined) {
        throw new TwostepError('wrong_password');
      }
      // The extension reads this with CryptoJS's default toString(), which is hex.
      const passphrase = [...plain].map((b) => b.toString(16).padStart(2, '0')).join('');
      // It then checks that hex against `hash`, an Argon2id PHC string (Accounts.ts, v2 branch):
      // CryptoJS's padding check alone lets about one wrong password in 256 through.
      if (typeof old.hash === 'string' && old.hash.startsWith('$argon2id$') && !(await verifyPhc(old.hash, passphrase, this.context.kdf))) {
        throw new TwostepError('wrong_password');
      }
      return passphrase;
    }
    return password;
  }
}

/** Checks `value` against an Argon2id PHC string `$argon2id$v=19$m=..,t=..,p=..$salt$hash`. */
async function verifyPhc(phc: string, value: string, kdf: Kdf): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d{1,9}),t=(\d{1,9}),p=(\d{1,9})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (match === null) {
    throw new TwostepError('import_malformed', 'key hash');
  }
  const [, m, t, p, salt, hash] = match;
  const expected = base64(hash ?? '');
  // The cost comes from the file: the guarded KDF refuses it above the ceiling before running.
  const cost = { memoryKiB: Number(m), iterations: Number(t), parallelism: Number(p) };
  const actual = await kdf.argon2id(utf8Bytes(value), base64(salt ?? ''), cost, expected.length);
  return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
}

function toRaw(entry: JsonRecord, secret: string | undefined): RawAccount {
  let type = typeOf(entry.type);
  let key: string | Uint8Array | undefined = secret;
  // Legacy prefixes the extension still recognises on import (EntryStorage.import).
  const prefixed = /^(stm-|blz-|bliz-)(.*)$/.exec(secret ?? '');
  if (prefixed !== null) {
    type = prefixed[1] === 'stm-' ? 'steam' : 'battle';
    key = prefixed[2];
  }
  if (type === 'hex' || type === 'hhex') {
    key = hex(secret ?? '', 'secret_not_base32');
  }
  const algorithm = algorithmOf(entry.algorithm);
  const base = { issuer: optString(entry.issuer, 'issuer') ?? '', name: optString(entry.account, 'account') ?? '', secret: key };
  switch (type) {
    case 'hotp':
    case 'hhex':
      return { ...base, kind: 'hotp', algorithm, digits: optNumber(entry.digits, 'digits'), counter: optNumber(entry.counter, 'counter') ?? 0 };
    case 'steam':
      return { ...base, kind: 'steam' };
    case 'battle':
      // Battle.net codes: 8 digits, 30 s, SHA-1 (KeyUtilities.generate).
      return { ...base, kind: 'totp', algorithm: 'SHA1', digits: 8, period: 30 };
    default:
      return { ...base, kind: 'totp', algorithm, digits: optNumber(entry.digits, 'digits'), period: optNumber(entry.period, 'period') };
  }
}

function typeOf(value: unknown): ExtensionType {
  if (value === undefined || value === null) return 'totp';
  if (typeof value !== 'string' && typeof value !== 'number') throw new TwostepError('uri_kind_unknown');
  const text = String(value).toLowerCase();
  const byNumber = /^[1-6]$/.test(text) ? TYPES[Number(text) - 1] : undefined;
  const found = byNumber ?? TYPES.find((t) => t === text);
  if (found === undefined) {
    throw new TwostepError('uri_kind_unknown', text.slice(0, 16));
  }
  return found;
}

function algorithmOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new TwostepError('algorithm_unsupported');
  const text = String(value);
  const name = /^[1-5]$/.test(text) ? ALGORITHMS[Number(text) - 1] : text;
  // GOST names pass through and parseAccountInput refuses them as algorithm_unsupported.
  return name;
}
