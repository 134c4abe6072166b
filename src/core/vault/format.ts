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

export const VAULT_FORMAT = 1;

export interface VaultHeader {
  format: typeof VAULT_FORMAT;
  vaultId: string;
  cipher: 'AES-256-GCM';
  createdAt: number;
  slots: KeySlot[];
}

/** One encrypted account. `id` is bound into the ciphertext as additional data. */
export interface StoredRecord {
  id: string;
  sealed: Sealed;
}
