/** Gzipped size of what an extension page or script loads: its entry plus every chunk it imports. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const IMPORT = /(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g;

/** Every JS file reachable from `entry` (a path inside dist), following relative imports. */
export function reachableScripts(dist: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1]!;
      const target = spec.startsWith('/') ? join(dist, spec) : resolve(dirname(file), spec);
      visit(target);
    }
  };
  visit(join(dist, entry));
  return [...seen];
}

/** Scripts a page loads through <script src>, resolved against dist. */
export function pageScripts(dist: string, html: string): string[] {
  const text = readFileSync(join(dist, html), 'utf8');
  const srcs = [...text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  return srcs.flatMap((src) => reachableScripts(dist, src.startsWith('/') ? src.slice(1) : join(dirname(html), src)));
}

/** Total gzipped bytes (level 9) of the given files. */
export function gzippedBytes(files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
}
