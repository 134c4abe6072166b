/**
 * Proton Authenticator exports (github.com/protonpass/proton-pass-common, proton-authenticator/src/entry).
 * Plain: `{version: 1, entries: [{id, content: {uri, entry_type, name}, note}]}`; the account name is
 * `content.name`, everything else comes from the URI. Encrypted (password_exporter.rs):
 * `{version: 1, salt: b64(16 bytes), content: b64(nonce 12 ‖ ciphertext ‖ tag)}`, key =
 * Argon2id(password, salt, m=19 MiB, t=2, p=1, 32 bytes), AES-256-GCM with additional data
 * `proton.authenticator.export.v1`; the plaintext is the plain export. The KDF cost is fixed by the format.
 */
import { TwostepError } from '../../errors';
import { parseOtpauthUri } from '../../otpauth-uri';
import { base64, utf8, utf8Bytes } from '../bytes';
import { aesGcmOpen } from '../cipher';
import { Collector } from '../collect';
import { array, isRecord, optString, parseJson, record, string } from '../json';
import type { ImportFormat, ImportResult } from '../types';
import { parseAccountInput } from '../../account-input';
import { toAccount } from './common';
import { labelOfUri } from './otpauth-list';

const AAD = utf8Bytes('proton.authenticator.export.v1');
const ARGON2 = { iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 } as const;

const isEncrypted = (json: unknown): boolean => isRecord(json) && typeof json.salt === 'string' && typeof json.content === 'string' && !('entries' in json);

/** Proton Authenticator export, plain or encrypted. */
export const proton: ImportFormat = {
  id: 'proton',
  detect: (source) =>
    isEncrypted(source.json) ||
    (isRecord(source.json) && Array.isArray(source.json.entries) && source.json.entries.some((e) => isRecord(e) && isRecord(e.content) && 'uri' in e.content)),
  async read(source, context) {
    const file = record(source.json, 'proton');
    if (file.version !== 1) {
      throw new TwostepError('import_malformed', 'proton version');
    }
    if (!isEncrypted(file)) {
      return entries(file);
    }
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const salt = base64(string(file.salt, 'salt'));
    const sealed = base64(string(file.content, 'content'));
    if (salt.length !== 16 || sealed.length < 12 + 16) {
      throw new TwostepError('import_malformed', 'proton salt or content');
    }
    const key = await context.kdf.argon2id(utf8Bytes(context.password), salt, ARGON2, 32);
    const plain = await aesGcmOpen(key, sealed.subarray(0, 12), sealed.subarray(12), AAD);
    if (plain === undefined) {
      throw new TwostepError('wrong_password');
    }
    return entries(record(parseJson(utf8(plain)), 'proton entries'));
  },
};

function entries(file: Record<string, unknown>): ImportResult {
  const collector = new Collector('proton');
  array(file.entries, 'entries').forEach((raw, index) => {
    const content = isRecord(raw) && isRecord(raw.content) ? raw.content : {};
    const uri = typeof content.uri === 'string' ? content.uri : '';
    collector.add(labelOfUri(uri, `#${index + 1}`), () => {
      const name = optString(content.name, 'name');
      const steam = /^steam:\/\/(.*)$/i.exec(string(content.uri, 'uri'));
      if (steam !== null) {
        // Proton's Steam entries (entry_type "Steam") are `steam://<base32>`, named by `content.name`.
        return toAccount({ kind: 'steam', issuer: 'Steam', name: name ?? '', secret: steam[1] });
      }
      const account = parseOtpauthUri(string(content.uri, 'uri'));
      // Proton lets the user rename an entry; the new name is `content.name`, not the URI's label.
      return name === undefined || name.trim() === '' ? account : parseAccountInput({ ...account, name });
    });
  });
  return collector.result();
}
