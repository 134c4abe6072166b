/**
 * The layering is only real if lint fails on every spelling of a forbidden import. These lint small
 * snippets placed (virtually) in each context with the project's own eslint.config.js, type-aware rules
 * off so that a file that does not exist can be linted.
 */
import { ESLint } from 'eslint';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'twostep/restricted-paths').map((m) => m.message);
}

describe('lint forbids imports across the layering, however they are spelt', () => {
  it.each([
    ['popup → background, bare folder', 'src/popup/zz.tsx', "import x from '../background';"],
    ['popup → background, deep file with extension', 'src/popup/components/zz.tsx', "import { x } from '../../background/vault/db.ts';"],
    ['popup → background, root-absolute', 'src/popup/zz.tsx', "import '/src/background/index.ts';"],
    ['popup → background, type-only import', 'src/popup/zz.tsx', "import type { Services } from '../background/services';"],
    ['popup → background, import() type', 'src/popup/zz.tsx', "export type S = import('../background/services').Services;"],
    ['popup → background, dynamic import', 'src/popup/zz.tsx', "void import('../background/log');"],
    ['popup → background, re-export', 'src/popup/zz.tsx', "export * from '../background/log';"],
    ['popup → background, detour through shared', 'src/popup/zz.tsx', "import '../shared/../background/log';"],
    ['popup → core/vault', 'src/popup/components/zz.tsx', "import { encryptRecord } from '../../core/vault/crypto';"],
    ['popup → core/vault folder', 'src/popup/zz.tsx', "import '../core/vault';"],
    ['popup → content', 'src/popup/zz.tsx', "import '../content/extension';"],
    ['content → background', 'src/content/fill/zz.ts', "import '../../background';"],
    ['content → core/vault', 'src/content/zz.ts', "import '../core/vault/slots.ts';"],
    ['content → popup', 'src/content/zz.ts', "import '../popup/format';"],
    ['content → preact', 'src/content/zz.ts', "import { h } from 'preact';"],
    ['content → preact/hooks', 'src/content/zz.ts', "import { useState } from 'preact/hooks';"],
    ['core → background', 'src/core/zz.ts', "import '../background/log';"],
    ['core → shared', 'src/core/qr/zz.ts', "import '../../shared/protocol';"],
    ['core → popup', 'src/core/zz.ts', "import '../popup';"],
    ['core → content', 'src/core/zz.ts', "import '../content/otp-field';"],
    ['core → webextension-polyfill', 'src/core/zz.ts', "import browser from 'webextension-polyfill';"],
    ['core → idb', 'src/core/vault/zz.ts', "import { openDB } from 'idb';"],
    ['shared → background', 'src/shared/zz.ts', "import '../background/router';"],
    ['shared → popup', 'src/shared/zz.ts', "import '../popup/errors';"],
    ['background → popup', 'src/background/zz.ts', "import '../popup/format';"],
    ['background → content', 'src/background/fill/zz.ts', "import '../../content/fill/flow';"],
    ['src → test', 'src/background/zz.ts', "import '../../test/unit/error-of';"],
    ['src → test, bare folder', 'src/core/zz.ts', "import '../../test';"],
    ['vite.config.ts → test', 'vite.config.ts', "import { x } from './test/e2e/harness.ts';"],
  ])('%s', async (_name, filePath, code) => {
    await expect(layeringErrors(filePath, code)).resolves.toHaveLength(1);
  });

  it.each([
    ['popup → shared client', 'src/popup/zz.tsx', "import { call } from '../shared/client';"],
    ['popup → core outside vault', 'src/popup/zz.tsx', "import { checkNewSecret } from '../core/pin-policy';"],
    ['popup → a sibling whose name starts like a forbidden folder', 'src/popup/zz.tsx', "import '../core/vault-like';"],
    ['content → core', 'src/content/zz.ts', "import '../core/site';"],
    ['background → core/vault', 'src/background/zz.ts', "import '../core/vault/crypto';"],
    ['background → shared', 'src/background/zz.ts', "import '../shared/protocol';"],
    ['core → core', 'src/core/vault/zz.ts', "import '../errors';"],
    ['test → src', 'test/unit/zz.test.ts', "import '../../src/background/log';"],
  ])('allows %s', async (_name, filePath, code) => {
    await expect(layeringErrors(filePath, code)).resolves.toEqual([]);
  });

  it('keeps the deliberate `?iife` file-name imports visible as explicit exceptions', async () => {
    await expect(layeringErrors('src/background/zz.ts', "import f from '../content/fill/main.ts?iife';")).resolves.toHaveLength(1);
    const code = "// eslint-disable-next-line twostep/restricted-paths -- a file name\nimport f from '../content/fill/main.ts?iife';";
    await expect(layeringErrors('src/background/zz.ts', code)).resolves.toEqual([]);
  });
});

describe('core uses no node-only globals', () => {
  it.each(['process.env.X', 'Buffer.from([1])', "require('node:fs')", 'setImmediate'])('`%s` in src/core fails lint', async (expr) => {
    const [result] = await eslint.lintText(`export const x: unknown = ${expr};\n`, { filePath: join(ROOT, 'src/core/zz.ts') });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
  });
});

describe('core compiles without browser globals', () => {
  it('`document`, `window`, `navigator` and `chrome` in src/core fail tsc with core\'s tsconfig', async () => {
    // A throwaway file in src/core, checked alone with core's compiler options; removed whatever happens.
    const dir = await mkdtemp(join(ROOT, 'src/core/.probe-'));
    try {
      const globals = ['document', 'window', 'navigator', 'chrome'];
      await writeFile(join(dir, 'probe.ts'), globals.map((g, i) => `export const probe${i}: unknown = ${g};\n`).join(''));
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['probe.ts'] }));
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const output = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', dir]).then(
        () => 'compiled without errors',
        (err: Error & { stdout?: string }) => err.stdout ?? err.message,
      );
      for (const g of globals) expect(output).toMatch(new RegExp(`probe\\.ts.*error TS\\d+: Cannot find name '${g}'`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
