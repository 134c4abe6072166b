/**
 * The Firefox build as addons.mozilla.org would see it (issue 13): an event page, the gecko id and
 * floor, nothing Chrome-only, and `web-ext lint` with no errors and no warnings but the one we cannot
 * avoid (preact's own `innerHTML` for dangerouslySetInnerHTML, which Twostep never uses).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION } from '../../scripts/firefox-manifest';
import { DIST_FIREFOX } from './harness';

interface LintReport {
  errors: { code: string; file?: string }[];
  warnings: { code: string; file?: string; message: string }[];
  notices: { code: string }[];
}

const manifest = (): Record<string, unknown> => JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('the Firefox build', () => {
  it('has an event page, the add-on id and floor, and nothing Firefox lacks', () => {
    const m = manifest();
    expect(m.manifest_version).toBe(3);
    expect(m.background).toMatchObject({ scripts: [expect.any(String)] });
    expect(m.background).not.toHaveProperty('service_worker');
    expect(m.browser_specific_settings).toMatchObject({ gecko: { id: FIREFOX_ADDON_ID, strict_min_version: FIREFOX_MIN_VERSION } });
    expect(m).not.toHaveProperty('minimum_chrome_version');
    expect(m).not.toHaveProperty('key');
    expect([...(m.permissions as string[]), ...(m.optional_permissions as string[])]).not.toEqual(expect.arrayContaining(['offscreen']));
    expect(m.optional_permissions).not.toContain('favicon');
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('passes web-ext lint with no errors and only the unavoidable warning', () => {
    const bin = resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');
    const run = spawnSync(bin, ['lint', '--source-dir', DIST_FIREFOX, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(run.stdout) as LintReport;
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // preact's renderer assigns innerHTML for dangerouslySetInnerHTML (bundled into a shared chunk); no Twostep component uses it.
    expect(report.warnings.map((w) => w.code)).toEqual(['UNSAFE_VAR_ASSIGNMENT']);
  });
});
