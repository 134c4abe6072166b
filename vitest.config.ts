import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (node, fast, core and background logic), `e2e` (the built extension in real
 * Chromium through Playwright) and `e2e-firefox` (the Firefox build in firefox-esr through puppeteer
 * over WebDriver BiDi); one browser at a time, so e2e files run one after another.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Argon2id at 64 MiB takes ~0.5 s per try; a test with ten tries must not race a 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A browser shares the two cores with the unit project's Argon2id and QR runs: a poll that waits
          // for something to happen gets longer than the 1 s default (one that checks nothing happens waits on its own).
          expect: { poll: { timeout: 5_000 } },
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-firefox',
          include: ['test/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          // After the other projects, so the two browsers never compete for the machine's two cores.
          sequence: { groupOrder: 1 },
          testTimeout: 90_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 5_000 } },
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
