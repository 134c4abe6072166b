/**
 * Aegis vault exports, plain and encrypted (github.com/beemdevelopment/Aegis, docs/vault.md):
 * `{version: 1, header: {slots, params}, db}`. Plain: `slots` null and `db` an object. Encrypted:
 * `db` is base64 AES-256-GCM ciphertext under a random master key, with nonce and tag in
 * `header.params`; each password slot (type 1) wraps that key with AES-256-GCM under
 * scrypt(password, salt, n, r, p). The scrypt cost comes from the file, so the guarded KDF checks it.
 */
import { TwostepError } from '../../errors';
import { base64, concat, hex, utf8, utf8Bytes } from '../bytes';
import { aesGcmOpen } from '../cipher';
import { Collector, entryLabel } from '../collect';
import type { JsonRecord } from '../json';
import { array, isRecord, lookup, optNumber, optString, parseJson, record, string } from '../json';
import type { ImportContext, ImportFormat, ImportResult } from '../types';
import { toAccount } from './common';

/** Aegis entry types we compute; motp and yandex are listed as skipped. */
const KINDS: Record<string, 'totp' | 'hotp' | 'steam'> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };

/** Aegis vault, plain or encrypted. */
export const aegis: ImportFormat = {
  id: 'aegis',
  detect: (source) => isRecord(source.json) && isRecord(source.json.header) && 'slots' in source.json.header && 'db' in source.json,
  async read(source, context) {
    const file = record(source.json, 'aegis');
    const header = record(file.header, 'header');
    if (header.slots === null || header.slots === undefined) {
      return entries(record(file.db, 'db'));
    }
    if (context.password === undefined) {
      return { kind: 'password_needed', format: 'aegis' };
    }
    const masterKey = await unlockSlots(array(header.slots, 'slots'), context);
    const params = record(header.params, 'params');
    const sealed = concat(base64(string(file.db, 'db')), hex(string(params.tag, 'tag')));
    const plain = await aesGcmOpen(masterKey, hex(string(params.nonce, 'nonce')), sealed);
    if (plain === undefined) {
      // The master key was right (its slot opened), so a failing vault means a damaged file.
      throw new TwostepError('import_malformed', 'aegis db');
    }
    return entries(record(parseJson(utf8(plain)), 'db'));
  },
};

async function unlockSlots(slots: unknown[], context: ImportContext): Promise<Uint8Array> {
  const password = utf8Bytes(context.password ?? '');
  const passwordSlots = slots.map((s) => record(s, 'slot')).filter((s) => s.type === 1);
  if (passwordSlots.length === 0) {
    // Only biometric or raw-key slots: the phone's keystore holds the key, no password opens it.
    throw new TwostepError('import_encrypted_unsupported', 'aegis: no password slot');
  }
  for (const slot of passwordSlots) {
    const params = record(slot.key_params, 'key_params');
    const cost = { n: slotNumber(slot.n), r: slotNumber(slot.r), p: slotNumber(slot.p) };
    const derived = await context.kdf.scrypt(password, hex(string(slot.salt, 'salt')), cost, 32);
    const sealed = concat(hex(string(slot.key, 'key')), hex(string(params.tag, 'tag')));
    const key = await aesGcmOpen(derived, hex(string(params.nonce, 'nonce')), sealed);
    if (key !== undefined) {
      return key;
    }
  }
  throw new TwostepError('wrong_password');
}

function slotNumber(value: unknown): number {
  const n = optNumber(value, 'scrypt parameter');
  if (n === undefined) {
    throw new TwostepError('import_malformed', 'scrypt parameter');
  }
  return n;
}

function entries(db: JsonRecord): ImportResult {
  const collector = new Collector('aegis');
  array(db.entries, 'entries').forEach((raw, index) => {
    const entry = isRecord(raw) ? raw : {};
    collector.add(entryLabel(entry.issuer, entry.name, index + 1), () => {
      const info = record(entry.info, 'info');
      const type = string(entry.type, 'type');
      const kind = lookup(KINDS, type);
      if (kind === undefined) {
        throw new TwostepError('uri_kind_unknown', type.slice(0, 16));
      }
      return toAccount({
        kind,
        issuer: optString(entry.issuer, 'issuer') ?? '',
        name: optString(entry.name, 'name') ?? '',
        secret: optString(info.secret, 'secret'),
        algorithm: optString(info.algo, 'algo'),
        digits: optNumber(info.digits, 'digits'),
        period: optNumber(info.period, 'period'),
        counter: kind === 'hotp' ? optNumber(info.counter, 'counter') : undefined,
      });
    });
  });
  return collector.result();
}
