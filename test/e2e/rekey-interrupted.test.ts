/**
 * Setting the first PIN re-encrypts every account under a new key in one IndexedDB transaction. Here
 * that is interrupted the hard ways, at several moments: the worker stopped (as Chrome does to an idle
 * worker), and the whole browser killed with SIGKILL. Afterwards the vault opens with every account,
 * under the old key (no PIN) or the new one (the PIN), never a mix, and nothing is reported damaged.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { send } from './popup-helpers';

const COUNT = 150;
const PIN = '482916';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A distinct valid 16-character base32 secret per index. */
const secretOf = (i: number): string => `JBSWY3DP${Array.from({ length: 8 }, (_, k) => B32[(i >> (k * 5)) & 31]).join('')}`;

interface State {
  locked: boolean;
  protection: string | null;
  accountCount: number;
  damaged: number;
  rolledBack: boolean;
}

async function call<T>(page: Page, method: string, arg: unknown): Promise<T> {
  const reply = (await send(page, method, arg)) as { ok: boolean; value: T };
  if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** The main browser process of a profile (not its renderers or helpers), found through /proc. */
function browserPid(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process for ${profileDir}`);
}

/** Opens the vault after the interruption (with the PIN if it took) and reports what it holds. */
async function outcome(ext: Extension): Promise<State & { secrets: number }> {
  const page = await ext.openPopup();
  let state = await call<State>(page, 'vault.state', null);
  if (state.locked) state = await call<State>(page, 'vault.unlock', { secret: PIN });
  const list = await call<{ issuer: string }[]>(page, 'accounts.list', null);
  return { ...state, secrets: list.length };
}

describe('a first PIN interrupted', () => {
  let base = '';
  const dirs: string[] = [];
  beforeAll(async () => {
    const ext = await launchExtension();
    const page = await ext.openPopup();
    for (let i = 0; i < COUNT; i++) {
      const input = { kind: 'totp', issuer: `Site ${i}`, name: 'alice', secret: secretOf(i), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] };
      await call(page, 'accounts.add', { input });
    }
    await ext.close();
    base = ext.profileDir;
    dirs.push(base);
  }, 180_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const copyOfBase = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'twostep-rekey-'));
    cpSync(base, dir, { recursive: true });
    dirs.push(dir);
    return dir;
  };

  it.each(['worker stopped', 'browser killed'] as const)('%s at any moment: every account, under the old key or the new', async (how) => {
    const seen = { old: 0, new: 0 };
    // Moments after the request; 'done' waits for the reply, so one round always ends with the new vault.
    for (const delay of [0, 200, 500, 800, 1100, 1500, 'done'] as const) {
      const profileDir = copyOfBase();
      let ext = await launchExtension({ profileDir });
      const page = await ext.openPopup();
      await call(page, 'vault.state', null);
      // Not awaited: the interruption lands somewhere in Argon2id, the re-encryption or the commit.
      const setting = send(page, 'vault.setPin', { next: PIN, kind: 'pin', current: null }).catch(() => undefined);
      await (delay === 'done' ? setting : new Promise((r) => setTimeout(r, delay)));
      if (how === 'worker stopped') {
        await ext.stopWorker();
      } else {
        process.kill(browserPid(profileDir), 'SIGKILL');
        await ext.context.close().catch(() => undefined);
        ext = await launchExtension({ profileDir });
      }
      const result = await outcome(ext);
      await ext.close();
      expect(result, `${how} after ${delay} ms`).toMatchObject({ accountCount: COUNT, secrets: COUNT, damaged: 0, rolledBack: false });
      if (result.protection === 'pin') seen.new++;
      else seen.old++;
    }
    console.log(`${how}: old vault ${seen.old}, new vault ${seen.new}`);
    expect(seen.new).toBeGreaterThan(0);
  }, 300_000);
});
