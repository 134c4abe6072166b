import { describe, expect, it } from 'vitest';
import { argon2idRaw } from '../../src/core/vault/kdf';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const ascii = (s: string) => new TextEncoder().encode(s);

// The reference implementation's own known answers (phc-winner-argon2, src/test.c, Argon2id v=0x13,
// password "password", salt "somesalt", 32-byte tags). RFC 9106 §5.3's vector needs associated data,
// which hash-wasm does not take and our KDF does not use.
describe('Argon2id known answers', () => {
  it.each([
    { passes: 2, memoryKiB: 1 << 16, parallelism: 1, tag: '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7' },
    { passes: 2, memoryKiB: 1 << 8, parallelism: 1, tag: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe' },
    { passes: 2, memoryKiB: 1 << 8, parallelism: 2, tag: '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037' },
  ])('t=$passes m=$memoryKiB p=$parallelism', async ({ tag, ...params }) => {
    expect(hex(await argon2idRaw('password', { ...params, salt: ascii('somesalt') }))).toBe(tag);
  });
});
