/**
 * Gathers a file's entries: each one either becomes a validated `AccountInput` or a skipped entry
 * with its reason, never dropped silently and never changed into something else.
 */
import type { AccountInput } from '../account';
import { unsupportedAlgorithmName } from '../error-detail';
import { TwostepError } from '../errors';
import { IMPORT_LIMITS } from './limits';
import type { ImportResult, SkippedEntry } from './types';

/** A label for the preview: "Issuer: name", either part, or the entry's position. Never the secret. */
export function entryLabel(issuer: unknown, name: unknown, position: number): string {
  const parts = [issuer, name].filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim());
  const label = parts.length > 0 ? parts.join(': ') : `#${position}`;
  return label.length > IMPORT_LIMITS.maxLabelLength ? `${label.slice(0, IMPORT_LIMITS.maxLabelLength - 1)}…` : label;
}

/** Collects one file's accounts and skipped entries, and caps how many entries a file may have. */
export class Collector {
  readonly accounts: AccountInput[] = [];
  readonly skipped: SkippedEntry[] = [];

  constructor(readonly format: string) {}

  /** How many entries were seen so far. */
  get count(): number {
    return this.accounts.length + this.skipped.length;
  }

  /** Runs `build` for one entry; a `TwostepError` from it skips the entry with that code. */
  add(label: string, build: () => AccountInput | AccountInput[]): void {
    if (this.count >= IMPORT_LIMITS.maxEntries) {
      throw new TwostepError('import_too_large', 'entries');
    }
    try {
      const built = build();
      this.accounts.push(...(Array.isArray(built) ? built : [built]));
    } catch (error) {
      if (!(error instanceof TwostepError)) {
        throw error;
      }
      const algorithm = error.code === 'algorithm_unsupported' ? unsupportedAlgorithmName(error.detail) : null;
      this.skipped.push(algorithm ? { label, reason: error.code, algorithm } : { label, reason: error.code });
    }
  }

  skip(label: string, reason: SkippedEntry['reason']): void {
    this.add(label, () => {
      throw new TwostepError(reason);
    });
  }

  result(): ImportResult {
    return { kind: 'accounts', format: this.format, accounts: this.accounts, skipped: this.skipped };
  }
}
