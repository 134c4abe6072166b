#!/usr/bin/env node
/**
 * Reference decoder for Twostep backups (docs/backup-format.md), so nobody is locked in: it needs
 * nothing but node (18 or later), no npm package, and prints every account as an otpauth:// URI that
 * any authenticator app imports. Node has no Argon2, so this file carries its own Argon2id (RFC 9106)
 * and the BLAKE2b it is built on (RFC 7693), written for clarity more than speed (a 64 MiB backup
 * takes a few seconds).
 *
 *   node scripts/decode-backup.mjs twostep-backup-2026-12-01.json     (asks for the password)
 *   echo "$PASSWORD" | node scripts/decode-backup.mjs backup.json     (reads it from stdin)
 *
 * The URIs go to stdout on purpose: this is your own recovery tool. They hold your secrets; do not
 * paste them anywhere you would not paste the secrets themselves.
 */
import { createDecipheriv, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

// ---- BLAKE2b (RFC 7693), on BigInt words: only used for short inputs, so speed does not matter.
const M64 = (1n << 64n) - 1n;
const IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n, 0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M64;

/** RFC 7693 §3.2, function F: compresses one 128-byte block `m` into the state `h`. */
function compress(h, block, t, last) {
  const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(8 * i));
  const v = [...h, ...IV];
  v[12] ^= t & M64;
  v[13] ^= t >> 64n;
  if (last) v[14] ^= M64;
  const g = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & M64; v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & M64; v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & M64; v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]); g(1, 5, 9, 13, m[s[2]], m[s[3]]); g(2, 6, 10, 14, m[s[4]], m[s[5]]); g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]); g(1, 6, 11, 12, m[s[10]], m[s[11]]); g(2, 7, 8, 13, m[s[12]], m[s[13]]); g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/** BLAKE2b without a key, `outLength` (1–64) bytes of digest. */
export function blake2b(input, outLength = 64) {
  const h = [...IV];
  h[0] ^= 0x01010000n ^ BigInt(outLength);
  const data = Buffer.from(input);
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  for (let i = 0; i < blocks; i++) {
    const block = Buffer.alloc(128);
    data.copy(block, 0, 128 * i, 128 * (i + 1));
    compress(h, block, BigInt(Math.min(data.length, 128 * (i + 1))), i === blocks - 1);
  }
  const out = Buffer.alloc(64);
  h.forEach((word, i) => out.writeBigUInt64LE(word, 8 * i));
  return out.subarray(0, outLength);
}

// ---- Argon2id (RFC 9106, version 0x13). A block is 128 64-bit words, kept as 256 32-bit halves (low first).
const le32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };

/** RFC 9106 §3.3, H': a hash of any length from BLAKE2b. */
function hashPrime(length, input) {
  const data = Buffer.concat([le32(length), input]);
  if (length <= 64) return blake2b(data, length);
  const parts = [];
  let v = blake2b(data);
  for (let r = Math.ceil(length / 32) - 2; r > 0; r--) { parts.push(v.subarray(0, 32)); v = r === 1 ? v : blake2b(v); }
  parts.push(blake2b(v, length - 32 * parts.length));
  return Buffer.concat(parts);
}

/** w[x] += w[y] + 2 * lo32(w[x]) * lo32(w[y]), modulo 2^64 (RFC 9106 §3.6: BlaMka's multiplication). */
function mix(w, x, y) {
  const xl = w[2 * x], yl = w[2 * y];
  // The 32×32-bit product, from 16-bit pieces so no partial sum leaves a double's exact range.
  const p00 = (xl & 0xffff) * (yl & 0xffff), p01 = (xl & 0xffff) * (yl >>> 16), p10 = (xl >>> 16) * (yl & 0xffff), p11 = (xl >>> 16) * (yl >>> 16);
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const pl = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  const ph = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
  const lo = xl + yl + ((pl << 1) >>> 0);
  // Uint32Array stores take the value modulo 2^32, which drops what overflows the 64-bit word.
  w[2 * x + 1] = w[2 * x + 1] + w[2 * y + 1] + (((ph << 1) | (pl >>> 31)) >>> 0) + Math.floor(lo / 0x100000000);
  w[2 * x] = lo;
}

/** w[x] = rotr64(w[x] ^ w[y], n). */
function xorRot(w, x, y, n) {
  const l = w[2 * x] ^ w[2 * y], h = w[2 * x + 1] ^ w[2 * y + 1];
  if (n === 32) { w[2 * x] = h; w[2 * x + 1] = l; }
  else if (n === 63) { w[2 * x] = (l << 1) | (h >>> 31); w[2 * x + 1] = (h << 1) | (l >>> 31); }
  else { w[2 * x] = (l >>> n) | (h << (32 - n)); w[2 * x + 1] = (h >>> n) | (l << (32 - n)); }
}

/** RFC 9106 §3.6, GB: BLAKE2b's G without message words, with the multiplication; a..d index 64-bit words of `w`. */
function gb(w, a, b, c, d) {
  mix(w, a, b); xorRot(w, d, a, 32); mix(w, c, d); xorRot(w, b, c, 24);
  mix(w, a, b); xorRot(w, d, a, 16); mix(w, c, d); xorRot(w, b, c, 63);
}

/** RFC 9106 §3.6, P: GB over the 16 words at indices `i`, as columns then diagonals. */
function permute(w, i) {
  gb(w, i[0], i[4], i[8], i[12]); gb(w, i[1], i[5], i[9], i[13]); gb(w, i[2], i[6], i[10], i[14]); gb(w, i[3], i[7], i[11], i[15]);
  gb(w, i[0], i[5], i[10], i[15]); gb(w, i[1], i[6], i[11], i[12]); gb(w, i[2], i[7], i[8], i[13]); gb(w, i[3], i[4], i[9], i[14]);
}
const ROWS = Array.from({ length: 8 }, (_, r) => Array.from({ length: 16 }, (_, k) => 16 * r + k));
const COLUMNS = Array.from({ length: 8 }, (_, c) => Array.from({ length: 16 }, (_, k) => 2 * c + 16 * (k >> 1) + (k & 1)));
const R = new Uint32Array(256);
const Z = new Uint32Array(256);

/** RFC 9106 §3.5, G: out = P(x ^ y) ^ x ^ y, and ^ the old out when `xorOld` (passes after the first). */
function compressBlock(out, x, y, xorOld) {
  for (let k = 0; k < 256; k++) R[k] = x[k] ^ y[k];
  Z.set(R);
  for (const row of ROWS) permute(Z, row);
  for (const column of COLUMNS) permute(Z, column);
  for (let k = 0; k < 256; k++) out[k] = (xorOld ? out[k] : 0) ^ R[k] ^ Z[k];
}

/** Argon2id raw hash (RFC 9106 §3.2–3.4) of `password` with `salt`: `m` KiB, `t` passes, `p` lanes. */
export function argon2id(password, salt, { m, t, p, length = 32 }) {
  const h0 = blake2b(Buffer.concat([le32(p), le32(length), le32(m), le32(t), le32(0x13), le32(2), le32(password.length), password, le32(salt.length), salt, le32(0), le32(0)]));
  const blocks = 4 * p * Math.floor(m / (4 * p));
  const q = blocks / p;
  const segment = q / 4;
  const memory = Array.from({ length: blocks }, () => new Uint32Array(256));
  const toWords = (bytes) => new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 1024));
  for (let l = 0; l < p; l++) {
    memory[l * q].set(toWords(hashPrime(1024, Buffer.concat([h0, le32(0), le32(l)]))));
    memory[l * q + 1].set(toWords(hashPrime(1024, Buffer.concat([h0, le32(1), le32(l)]))));
  }
  const zero = new Uint32Array(256), input = new Uint32Array(256), address = new Uint32Array(256);
  for (let pass = 0; pass < t; pass++) {
    for (let slice = 0; slice < 4; slice++) {
      for (let l = 0; l < p; l++) {
        // Argon2id: the first half of the first pass uses data-independent addresses (Argon2i), the rest Argon2d.
        const independent = pass === 0 && slice < 2;
        if (independent) {
          input.fill(0);
          [pass, l, slice, blocks, t, 2].forEach((value, k) => (input[2 * k] = value));
        }
        const first = pass === 0 && slice === 0 ? 2 : 0;
        for (let index = first; index < segment; index++) {
          if (independent && (index === first || index % 128 === 0)) {
            input[12]++;
            compressBlock(address, zero, input, false);
            compressBlock(address, zero, address, false);
          }
          const column = slice * segment + index;
          const prev = memory[l * q + (column === 0 ? q - 1 : column - 1)];
          const j1 = independent ? address[2 * (index % 128)] : prev[0];
          const j2 = independent ? address[2 * (index % 128) + 1] : prev[1];
          const refLane = pass === 0 && slice === 0 ? l : j2 % p;
          const same = refLane === l;
          // §3.4.2: the blocks this one may reference, and J1 mapped onto them (non-uniformly).
          const area = pass === 0 ? slice * segment + (same ? index - 1 : index === 0 ? -1 : 0) : q - segment + (same ? index - 1 : index === 0 ? -1 : 0);
          const x = (BigInt(j1) * BigInt(j1)) >> 32n;
          const relative = area - 1 - Number((BigInt(area) * x) >> 32n);
          const start = pass === 0 || slice === 3 ? 0 : (slice + 1) * segment;
          compressBlock(memory[l * q + column], prev, memory[refLane * q + ((start + relative) % q)], pass > 0);
        }
      }
    }
  }
  const final = new Uint32Array(256);
  for (let l = 0; l < p; l++) for (let k = 0; k < 256; k++) final[k] ^= memory[l * q + q - 1][k];
  return hashPrime(length, Buffer.from(final.buffer));
}

// ---- The backup file (docs/backup-format.md).
function fail(message) {
  process.stderr.write(`decode-backup: ${message}\n`);
  process.exit(1);
}

/** Decrypts a backup's text with its password; returns the accounts. */
export function decodeBackup(text, password) {
  const file = JSON.parse(text);
  if (file.format !== 'twostep-backup') fail('not a Twostep backup');
  if (file.version !== 1) fail(`format version ${file.version} is newer than this decoder`);
  const { kdf, cipher } = file;
  if (kdf.name !== 'argon2id' || cipher.name !== 'aes-256-gcm') fail('unknown KDF or cipher');
  const key = argon2id(Buffer.from(password.normalize('NFC'), 'utf8'), Buffer.from(kdf.salt, 'base64'), { m: kdf.memoryKiB, t: kdf.passes, p: kdf.lanes });
  const check = createHmac('sha256', key).update('twostep-backup key check').digest().subarray(0, 16);
  if (!check.equals(Buffer.from(file.keyCheck, 'base64'))) fail('wrong password');
  const aad = [file.format, file.version, file.createdAt, kdf.name, kdf.salt, kdf.memoryKiB, kdf.passes, kdf.lanes, cipher.name, cipher.iv, file.keyCheck].join('\n');
  const data = Buffer.from(file.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(cipher.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  let plain;
  try {
    plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    fail('the file is damaged or was changed');
  }
  return JSON.parse(plain.toString('utf8')).accounts;
}

/** An account as the Key URI Format writes it (what Twostep's own "Show QR code" shows). */
export function toUri(a) {
  const label = a.issuer !== '' ? `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.name)}` : a.name.includes(':') ? `:${encodeURIComponent(a.name)}` : encodeURIComponent(a.name);
  const params = [['secret', a.secret], ...(a.issuer !== '' ? [['issuer', a.issuer]] : []), ['algorithm', a.algorithm], ['digits', String(a.digits)], a.kind === 'hotp' ? ['counter', String(a.counter)] : ['period', String(a.period)]];
  return `otpauth://${a.kind}/${label}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

async function readPassword() {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write('Backup password: ');
    rl._writeToOutput = () => {}; // do not echo the password
  }
  const line = await new Promise((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  if (path === undefined) fail('usage: node decode-backup.mjs <backup.json>');
  const text = readFileSync(path, 'utf8');
  for (const account of decodeBackup(text, await readPassword())) process.stdout.write(`${toUri(account)}\n`);
}
