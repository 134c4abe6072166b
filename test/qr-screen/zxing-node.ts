/** zxing-wasm for node tests and the bench: the reader's .wasm read from node_modules, never fetched. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { type QrReader, type ReadBarcodes, zxingReader } from '../../src/core/qr/read';

const require = createRequire(import.meta.url);
export const ZXING_WASM_PATH = require.resolve('zxing-wasm/reader/zxing_reader.wasm');

let prepared = false;

/** The product's zxing reader (core's options and checks) over the node copy of the module. */
export function nodeZxing(): QrReader {
  if (!prepared) {
    const wasm = new Uint8Array(readFileSync(ZXING_WASM_PATH));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer }, fireImmediately: false });
    prepared = true;
  }
  return zxingReader(readBarcodes as unknown as ReadBarcodes);
}
