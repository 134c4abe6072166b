/**
 * The on-disk vault format. The header says how the vault key is wrapped (one entry per "slot"), so a
 * later version can add a PIN slot or raise KDF parameters by rewriting only the header.
 */

/** AES-256-GCM output: a fresh 96-bit IV (NIST SP 800-38D §8.2.2, random IVs) and ciphertext‖tag. */
export interface Sealed {
  iv: Uint8Array;
  ct: Uint8Array;
}

/**
 * The vault key wrapped by a non-extractable device key kept in IndexedDB. Protects against reading
 * the files of a stopped browser only as far as the browser protects its own key storage: see README.
 */
export interface DeviceSlot {
  type: 'device';
  id: string;
  wrapped: Sealed;
}

/** Argon2id parameters, stored with the slot so a later version can raise them by re-wrapping. */
export interface Argon2idParams {
  name: 'argon2id';
  /** KiB of memory (RFC 9106 §4 "m"). */
  memoryKiB: number;
  /** Passes over memory (RFC 9106 §4 "t"). */
  passes: number;
  /** Lanes (RFC 9106 §4 "p"). */
  parallelism: number;
  salt: Uint8Array;
}

/** The vault key wrapped under a key derived from the user's PIN or passphrase. */
export interface PinSlot {
  type: 'pin';
  id: string;
  /** What the user chose, so the unlock screen shows a PIN pad or a passphrase field. */
  secretKind: 'pin' | 'passphrase';
  kdf: Argon2idParams;
  wrapped: Sealed;
}

export type KeySlot = DeviceSlot | PinSlot;

/**
 * 2: records carry a version bound into their additional data, and an authenticated summary
 * (./summary.ts) lists them. A format-1 vault is migrated on first open (Keyring.open).
 */
export const VAULT_FORMAT = 2;
export const LEGACY_FORMAT = 1;

export interface VaultHeader {
  format: typeof VAULT_FORMAT | typeof LEGACY_FORMAT;
  vaultId: string;
  cipher: 'AES-256-GCM';
  createdAt: number;
  slots: KeySlot[];
}

/**
 * One encrypted account. `id` and `version` are bound into the ciphertext as additional data
 * (`recordAad`); a format-1 record has no version and was bound with `boundTo('record', …)`.
 */
export interface StoredRecord {
  id: string;
  /** 1 for a new record, +1 on each rewrite. */
  version?: number;
  sealed: Sealed;
}

/**
 * What the vault held after its last write, sealed under the vault key in `meta/summary` and rewritten
 * in the same transaction as every write. A record or header that does not match it was written back
 * from an older copy, or edited, outside Twostep.
 */
export interface VaultSummary {
  /** +1 on every write; also kept outside IndexedDB as a second anchor (storage.local). */
  generation: number;
  /** `headerDigest` of the header this vault was last given by Twostep ('' when unknown). */
  header: string;
  /** Each record's id → [version, `recordDigest`]. */
  records: Record<string, [number, string]>;
  /**
   * The vault id before the last re-key, so a second anchor that still names it (the browser stopped
   * between the commit and the anchor's update) is not taken for a rollback.
   */
  previous?: string;
}
