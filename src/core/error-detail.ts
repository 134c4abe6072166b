/** Parts of an error's detail that are safe and useful to show (no secret ever goes into a detail). */

/**
 * The algorithm an `algorithm_unsupported` error is about ("MD5", "GOST3411"), from details such as
 * "MD5", "2: MD5" or "account 2: MD5" (an entry's position first); null when the detail names none (a bare number).
 */
export function unsupportedAlgorithmName(detail: string | undefined): string | null {
  const name = detail?.replace(/^(?:[a-z]+ )?\d+:\s*/, '').trim() ?? '';
  return /^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(name) ? name : null;
}
