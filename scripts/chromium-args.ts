/**
 * The Chromium flags Twostep is run with, by the demo and by the tests alike: the built extension
 * loaded from `dist`, and no background traffic (this project's machines have no network but the
 * package registries, and Chromium's own connections would only fail and slow it down).
 */
export function extensionArgs(dist: string): string[] {
  const args = [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to start its sandbox as root (typical in containers); elsewhere it stays on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
