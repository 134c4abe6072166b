/**
 * Sizes and KDF costs the import layer accepts. A real export of 1,000 accounts is well under 1 MB
 * (Aegis: about 0.5 KB per entry); the ceilings leave room for icons and notes while refusing files
 * that would make the page allocate hundreds of megabytes or spin for minutes.
 */
export const IMPORT_LIMITS = {
  maxFileBytes: 8 * 1024 * 1024,
  maxEntries: 10_000,
  /** Labels of skipped entries are shown in a list; longer ones are cut. */
  maxLabelLength: 80,
  /** andOTP draws 140,000–160,000; FreeOTP 100,000; Stratum 64,000; 2FAS 10,000. */
  maxPbkdf2Iterations: 5_000_000,
  /** Aegis uses N=2^15, r=8, p=1 (32 MiB). */
  maxScryptMemoryBytes: 256 * 1024 * 1024,
  maxScryptParallelism: 16,
  /** Stratum uses 64 MiB, t=3, p=4; Proton and Authenticator-Extension 19 MiB, t=2, p=1. */
  maxArgon2MemoryKiB: 256 * 1024,
  maxArgon2Iterations: 16,
  maxArgon2Parallelism: 16,
} as const;
