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
  /** Aegis uses N=2^15, r=8, p=1 (32 MiB, about 0.2 s here). */
  maxScryptMemoryBytes: 256 * 1024 * 1024,
  maxScryptParallelism: 16,
  /** Work is N·r·p block mixes: 2^23 is 32 times Aegis's, a few seconds at most. */
  maxScryptWork: 2 ** 23,
  /**
   * Stratum uses 64 MiB, t=3, p=4 (about 0.5 s here); Bitwarden's default is the same; Proton and
   * Authenticator-Extension 19 MiB, t=2, p=1. Ente Auth derives with the strength of libsodium's
   * "sensitive" limits (1 GiB × 4 passes) spread over less memory: 256 MiB × 16 passes, or
   * 128 MiB × 32 / 64 MiB × 64 on phones with less memory (about 6 s here). So memory × passes is
   * capped at 4 GiB·pass, and no more than 256 MiB at once: Bitwarden's 1 GiB or 10 × 512 MiB is refused.
   */
  maxArgon2MemoryKiB: 256 * 1024,
  maxArgon2Iterations: 64,
  maxArgon2Parallelism: 16,
  maxArgon2Work: 4 * 1024 * 1024,
} as const;
