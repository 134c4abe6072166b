/**
 * The automatic-backup key (derived once from the backup password with Argon2id) kept in the vault's
 * `state` store, sealed under the vault key: it opens whenever the vault does, so a backup needs no
 * password prompt, and it is never on disk in the clear. Bound to the vault id by the additional data,
 * so it cannot be moved into another vault. A new vault key (first PIN) re-seals it in the same
 * transaction as every record (rewrite.ts), so it follows the vault key like the accounts do.
 */
import type { BackupKdf } from '../../core/backup';
import { TwostepError } from '../../core/errors';
import { fromBase64, openJson, sealJson, toBase64, type RandomBytes } from '../../core/vault/crypto';
import type { Sealed } from '../../core/vault/format';
import { atomically, type VaultDb } from './db';
import { sameSealed } from './ledger';

export const BACKUP_KEY_ROW = 'backupKey';

/** The raw 32-byte key and the Argon2id parameters it was derived with (they go into every file). */
export interface BackupKey {
  key: Uint8Array;
  kdf: BackupKdf;
}

interface Keyed {
  header: { vaultId: string };
  key: CryptoKey;
}

const aad = (vaultId: string): Uint8Array => new TextEncoder().encode(`twostep/v2/backup-key\u0000${vaultId}`);

/** The row as stored, or undefined when none is (or what is there is not a sealed value). */
export function asSealed(value: unknown): Sealed | undefined {
  const v = value as Partial<Sealed> | null | undefined;
  return v && v.iv instanceof Uint8Array && v.ct instanceof Uint8Array ? { iv: v.iv, ct: v.ct } : undefined;
}

export function sealBackupKey(to: Keyed, value: BackupKey, random: RandomBytes): Promise<Sealed> {
  const { kdf } = value;
  const json = { key: toBase64(value.key), kdf: { name: kdf.name, salt: toBase64(kdf.salt), memoryKiB: kdf.memoryKiB, passes: kdf.passes, lanes: kdf.lanes } };
  return sealJson(to.key, json, aad(to.header.vaultId), random);
}

export async function openBackupKey(from: Keyed, sealed: Sealed): Promise<BackupKey> {
  const value = (await openJson(from.key, sealed, aad(from.header.vaultId))) as { key?: unknown; kdf?: Record<string, unknown> } | null;
  const kdf = value?.kdf;
  const int = (v: unknown): number => (Number.isSafeInteger(v) ? (v as number) : NaN);
  if (typeof value?.key !== 'string' || !kdf || kdf.name !== 'argon2id' || typeof kdf.salt !== 'string') {
    throw new TwostepError('vault_corrupted', 'backup key');
  }
  const parsed = { key: fromBase64(value.key), kdf: { name: 'argon2id' as const, salt: fromBase64(kdf.salt), memoryKiB: int(kdf.memoryKiB), passes: int(kdf.passes), lanes: int(kdf.lanes) } };
  if (parsed.key.length !== 32 || [parsed.kdf.memoryKiB, parsed.kdf.passes, parsed.kdf.lanes].some(Number.isNaN)) {
    throw new TwostepError('vault_corrupted', 'backup key');
  }
  return parsed;
}

/** The key, or null when none is set. One that does not open (tampered, another vault's) is refused loudly. */
export async function readBackupKey(db: VaultDb, from: Keyed): Promise<BackupKey | null> {
  const sealed = asSealed(await db.get('state', BACKUP_KEY_ROW));
  return sealed ? openBackupKey(from, sealed) : null;
}

/** Sets (or with null removes) the key, in one transaction. */
export async function writeBackupKey(db: VaultDb, to: Keyed, value: BackupKey | null, random: RandomBytes): Promise<void> {
  const sealed = value ? await sealBackupKey(to, value, random) : null;
  await atomically(db, ['state'], async (tx) => {
    if (sealed) await tx.objectStore('state').put(sealed, BACKUP_KEY_ROW);
    else await tx.objectStore('state').delete(BACKUP_KEY_ROW);
  });
}

/**
 * For a re-key: the stored key sealed under `to` (prepared before the write transaction opens, which
 * cannot wait for WebCrypto), or null when there is nothing to move. One that does not open under
 * `from` is left as it is: it would not open under any key.
 */
export async function resealBackupKey(stored: unknown, from: Keyed, to: Keyed, random: RandomBytes): Promise<Sealed | null> {
  const sealed = asSealed(stored);
  if (!sealed || (from.key === to.key && from.header.vaultId === to.header.vaultId)) return null;
  const value = await openBackupKey(from, sealed).catch(() => null);
  return value ? sealBackupKey(to, value, random) : null;
}

/** Inside the re-key's transaction: the row must be what was read before it, then takes the new one. */
export async function putResealed(
  store: { get(key: typeof BACKUP_KEY_ROW): Promise<unknown>; put(value: Sealed, key: typeof BACKUP_KEY_ROW): Promise<unknown> },
  before: unknown,
  resealed: Sealed | null,
): Promise<void> {
  if (!sameSealed(asSealed(await store.get(BACKUP_KEY_ROW)), asSealed(before))) {
    throw new TwostepError('storage_failed', 'the backup key changed meanwhile; try again');
  }
  if (resealed) await store.put(resealed, BACKUP_KEY_ROW);
}
