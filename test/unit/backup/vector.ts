/** The test vector of docs/backup-format.md, read from the document itself so the two cannot drift apart. */
import { readFileSync } from 'node:fs';

export const DOC = readFileSync(new URL('../../../docs/backup-format.md', import.meta.url), 'utf8');

/** The fenced block after `<!-- vector:<name> -->`. */
export function vectorBlock(name: string): string {
  const match = new RegExp(`<!-- vector:${name} -->\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (match?.[1] === undefined) throw new Error(`no vector:${name} block in docs/backup-format.md`);
  return match[1];
}

export const VECTOR = {
  password: 'correct horse battery staple',
  kdf: { name: 'argon2id' as const, salt: Uint8Array.from({ length: 16 }, (_, i) => i), memoryKiB: 1024, passes: 3, lanes: 1 },
  iv: Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i),
  now: Date.parse('2026-12-02T00:00:00.000Z'),
  key: '590d7ddd37a1ed86417a3614be47c9f782828a38902390018d39bb6556fee029',
};
