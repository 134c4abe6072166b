/**
 * Files the fuzz tests mutate for formats the shared aegis/ fixtures lack: built here with the cheap
 * KDF the runs fall back to (so mutated copies still decrypt and reach the entry parsers), or taken
 * from the google-migration fixtures. Password "test" throughout, one of the fixtures' passwords.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { sealBackup } from '../../../src/core/backup';
import { cheapKdf, cryptoJsEncrypt } from './helpers';
import { HAS_IMPORT_FIXTURES, IMPORT_DIR } from './fixtures';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const PASSWORD = new TextEncoder().encode('test');

/** A Bitwarden password-protected export keyed with the cheap KDF. */
async function bitwarden(): Promise<Uint8Array> {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA==';
  const master = Buffer.from(await cheapKdf().pbkdf2(PASSWORD, new TextEncoder().encode(salt), 1000, 'SHA-256', 32));
  const key = (info: string): Buffer => createHmac('sha256', master).update(info).update(Buffer.of(1)).digest();
  const seal = (text: string): string => {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key('enc'), iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `2.${iv.toString('base64')}|${data.toString('base64')}|${createHmac('sha256', key('mac')).update(iv).update(data).digest('base64')}`;
  };
  const vault = { encrypted: false, folders: [], items: [{ name: 'E', login: { username: 'a', totp: 'JBSWY3DPEHPK3PXP' } }, { name: 'S', login: { totp: 'steam://JBSWY3DPEHPK3PXP' } }] };
  return encode({ encrypted: true, passwordProtected: true, salt, kdfType: 0, kdfIterations: 1000, encKeyValidation_DO_NOT_EDIT: seal('guid'), data: seal(JSON.stringify(vault)) });
}

/** An Ente Auth encrypted export, sealed by libsodium under the cheap KDF's key. */
async function ente(): Promise<Uint8Array> {
  await sodium.ready;
  const salt = randomBytes(16);
  const key = await cheapKdf().argon2id(PASSWORD, salt, { iterations: 2, memoryKiB: 8192, parallelism: 1 }, 32);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const text = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\notpauth://hotp/C:d?secret=JBSWY3DPEHPK3PXP&counter=3\notpauth://steam/S:e?secret=JBSWY3DPEHPK3PXP\n';
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, new TextEncoder().encode(text), null, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  return encode({ version: 1, kdfParams: { memLimit: 8192 * 1024, opsLimit: 2, salt: b64(salt) }, encryptedData: b64(sealed), encryptionNonce: b64(header) });
}

/** A Twostep backup (password "test") sealed with the cheap KDF, so mutated copies reach the entry parser. */
function twostepBackup(): Promise<Uint8Array> {
  return sealBackup(
    [
      { kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 60, counter: 0, sites: ['example.com'] },
      { kind: 'hotp', issuer: 'Counter', name: 'bob', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 7, sites: [] },
    ],
    'test',
    { now: 0, random: (n) => new Uint8Array(randomBytes(n)), argon2: (...args) => cheapKdf().argon2id(...args) },
  );
}

const [BITWARDEN, ENTE, TWOSTEP] = await Promise.all([bitwarden(), ente(), twostepBackup()]);
const google = (file: string): Uint8Array => (HAS_IMPORT_FIXTURES ? new Uint8Array(readFileSync(path.join(IMPORT_DIR, 'google-migration', file))) : new Uint8Array());

/** Built samples by format id. */
export const BUILT: Record<string, () => Uint8Array> = {
  'bitwarden-encrypted': () => BITWARDEN,
  'ente-encrypted': () => ENTE,
  'twostep-backup': () => TWOSTEP,
  'authenticator-extension': () =>
    encode({
      a: { account: 'alice', encrypted: false, hash: 'a', index: 0, issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP', type: 'totp' },
      b: { account: 'bob', encrypted: true, hash: 'b', index: 1, issuer: 'Counter', secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'test'), type: 'hotp', counter: 3 },
    }),
  ...(HAS_IMPORT_FIXTURES
    ? {
        'extract-otp-secrets': () => google('example_output.json'),
        'extract-otp-secrets-csv': () => google('example_keepass_output.totp.csv'),
      }
    : {}),
};

/** The built samples that are JSON, which the fuzz also mutates by subtree. */
export const BUILT_JSON = ['bitwarden-encrypted', 'ente-encrypted', 'twostep-backup', 'authenticator-extension', 'extract-otp-secrets'];
