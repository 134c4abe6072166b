/**
 * hash-wasm for the importers, from the package's second ESM build on purpose: the worker imports
 * `argon2id` from 'hash-wasm', and when the page imports scrypt and md5 from the same module the
 * bundler puts all three into one chunk shared by both, so the worker would load (and parse) the
 * importers' hashes at every start. A different module file keeps the two copies apart.
 */
// @ts-expect-error: the file has no declarations of its own; its exports are the package's own, typed below.
import * as build from 'hash-wasm/dist/index.esm.min.js';
import type * as HashWasm from 'hash-wasm';

const hashWasm = build as typeof HashWasm;
export const argon2id = hashWasm.argon2id;
export const scrypt = hashWasm.scrypt;
export const md5 = hashWasm.md5;
