/**
 * zxing-wasm's reader from the extension's own files: the .wasm is bundled into dist and fetched from
 * the extension's URL (Vite's `?url`), never from the CDN the package names by default; compiling it
 * needs 'wasm-unsafe-eval' in the pages' CSP, which hash-wasm needs already.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { type QrReader, type ReadBarcodes, zxingReader } from '../core/qr/read';

/** Loads and compiles the module (about 1 MB of wasm), resolving once it can read. */
export async function loadZxing(): Promise<QrReader> {
  const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader');
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
  return zxingReader(readBarcodes as unknown as ReadBarcodes);
}
