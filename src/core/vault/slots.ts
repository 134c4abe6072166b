/**
 * Key slots: each wraps the 256-bit vault key a different way. Changing or removing a PIN rewrites only
 * the header; a first PIN also makes a new vault key (background/vault/keyring.ts explains why).
 */
import { TwostepError } from '../errors';
import type { SecretKind } from '../pin-policy';
import { boundTo, generateDeviceKey, open, randomId, seal, type RandomBytes } from './crypto';
import type { DeviceSlot, PinSlot } from './format';
import { deriveWrappingKey, kdfWithinBounds, newKdfParams } from './kdf';

/** Wraps `vaultKey` under a new non-extractable device key; the caller stores both in one transaction. */
export async function makeDeviceSlot(vaultKey: Uint8Array, vaultId: string, random: RandomBytes): Promise<{ slot: DeviceSlot; deviceKey: CryptoKey }> {
  const id = randomId(random);
  const deviceKey = await generateDeviceKey();
  const wrapped = await seal(deviceKey, vaultKey, boundTo('slot', vaultId, id), random);
  return { slot: { type: 'device', id, wrapped }, deviceKey };
}

/** Unwraps the vault key from a device slot. */
export function openDeviceSlot(slot: DeviceSlot, vaultId: string, deviceKey: CryptoKey): Promise<Uint8Array> {
  return open(deviceKey, slot.wrapped, boundTo('slot', vaultId, slot.id));
}

/** Wraps `vaultKey` under Argon2id(secret) with fresh salt and the current default parameters. */
export async function makePinSlot(vaultKey: Uint8Array, vaultId: string, secret: string, secretKind: SecretKind, random: RandomBytes): Promise<PinSlot> {
  const id = randomId(random);
  const kdf = newKdfParams(random);
  const wrapped = await seal(await deriveWrappingKey(secret, kdf), vaultKey, boundTo('slot', vaultId, id), random);
  return { type: 'pin', id, secretKind, kdf, wrapped };
}

/**
 * Unwraps the vault key with a PIN or passphrase. A wrong secret and a damaged slot look the same to
 * AES-GCM; both report 'pin_wrong' so nothing tells an attacker which part was wrong.
 */
export async function openPinSlot(slot: PinSlot, vaultId: string, secret: string): Promise<Uint8Array> {
  const { kdf } = slot;
  if (!kdfWithinBounds(kdf)) {
    // Below our floor, someone edited the header to make brute force cheap; above our ceiling, to make
    // unlocking exhaust memory or never end. Either way the slot is not one we wrote.
    throw new TwostepError('vault_corrupted', 'key slot parameters are out of bounds');
  }
  try {
    return await open(await deriveWrappingKey(secret, kdf), slot.wrapped, boundTo('slot', vaultId, slot.id));
  } catch (err) {
    if (err instanceof TwostepError && err.code === 'record_tampered') throw new TwostepError('pin_wrong');
    throw err;
  }
}
