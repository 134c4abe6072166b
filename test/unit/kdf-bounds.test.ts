import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF, kdfWithinBounds, MAX_KDF, MIN_KDF } from '../../src/core/vault/kdf';
import type { Argon2idParams } from '../../src/core/vault/format';

const params = (over: Partial<Argon2idParams> = {}): Argon2idParams => ({ name: 'argon2id', ...DEFAULT_KDF, salt: new Uint8Array(16), ...over });

describe('KDF parameters a stored slot may ask for', () => {
  it.each([
    ['the defaults', params(), true],
    ['the ceiling', params(MAX_KDF), true],
    ['the floor', params(MIN_KDF), true],
    ['memory below the floor', params({ memoryKiB: 8 }), false],
    ['passes below the floor', params({ passes: 1 }), false],
    ['no lanes', params({ parallelism: 0 }), false],
    ['gigabytes of memory', params({ memoryKiB: 4 * 1024 * 1024 }), false],
    ['just above the memory ceiling', params({ memoryKiB: MAX_KDF.memoryKiB + 1 }), false],
    ['a thousand passes', params({ passes: 1000 }), false],
    ['64 lanes', params({ parallelism: 64 }), false],
    ['a fractional cost', params({ memoryKiB: 65536.5 }), false],
    ['a cost that is not a number', params({ passes: Number.NaN }), false],
    ['a short salt', params({ salt: new Uint8Array(8) }), false],
    ['a huge salt', params({ salt: new Uint8Array(4096) }), false],
    ['another algorithm', { ...params(), name: 'argon2i' } as unknown as Argon2idParams, false],
  ])('%s', (_, kdf, ok) => {
    expect(kdfWithinBounds(kdf)).toBe(ok);
  });
});
