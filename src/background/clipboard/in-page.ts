/**
 * Firefox's event page has a DOM and, with the clipboardRead/clipboardWrite permissions, the
 * asynchronous clipboard without a user gesture, so the clearing the Chrome worker hands to an
 * offscreen document (Firefox has none) happens right here, with the same rule: only if it still holds
 * that code.
 */
export async function clearHereIf(code: string): Promise<boolean> {
  const held = await navigator.clipboard.readText().catch(() => null);
  if (held !== code) return false;
  await navigator.clipboard.writeText('');
  return true;
}
