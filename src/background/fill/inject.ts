/**
 * Filling on request (popup, shortcut, context menu): the fill script is injected into the frames the
 * extension may reach (`activeTab` covers the tab's own origin; cross-site frames only with host
 * access), and each frame fills for its own site. Each frame's answer comes back through
 * `executeScript`'s per-frame results.
 */
import browser from 'webextension-polyfill';
// crxjs builds `?iife` imports as one self-contained file and gives us its name (an ESM loader would have
// to be web-accessible to every page). Only the file name crosses into the background.
// eslint-disable-next-line twostep/restricted-paths -- the file name of the content script, not its code
import fillScript from '../../content/fill/main.ts?iife';
import type { FrameOutcome, NotFilled } from './port';

const REASONS: readonly NotFilled[] = ['no_field', 'site', 'locked', 'choose', 'hidden', 'failed'];

function parseOutcome(value: unknown): FrameOutcome {
  if (typeof value !== 'object' || value === null) return { filled: false, reason: 'no_field' };
  const { filled, reason, host } = value as Record<string, unknown>;
  const known = REASONS.find((r) => r === reason);
  const outcome: FrameOutcome = known ? { filled: filled === true, reason: known } : { filled: filled === true };
  // A host name as the frame's location has it; anything else is dropped (the popup shows "Filled").
  if (typeof host === 'string' && /^[a-z0-9.:[\]-]{1,255}$/i.test(host)) outcome.host = host;
  return outcome;
}

export async function fillTab(tabId: number, id: string | null, frameIds?: number[]): Promise<FrameOutcome[]> {
  const target = frameIds ? { tabId, frameIds } : { tabId, allFrames: true };
  try {
    await browser.scripting.executeScript({ target, files: [fillScript] });
    const results = await browser.scripting.executeScript({
      target,
      // Runs in the content script's isolated world, where the fill script left its entry point.
      func: (account: string | null) => {
        const run = (globalThis as { twostepFill?: (id: string | null) => Promise<unknown> }).twostepFill;
        return run ? run(account) : { filled: false, reason: 'no_field' };
      },
      args: [id],
    });
    return results.map((r) => parseOutcome(r.result));
  } catch {
    // chrome://, the Web Store, another extension's page, or no grant for this tab: nothing to fill there.
    return [{ filled: false, reason: 'no_field' }];
  }
}

/** Title and top headings of the top frame: what a look-alike would copy from the page it imitates. */
export async function pageText(tabId: number): Promise<string> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => [document.title, ...Array.from(document.querySelectorAll('h1, h2'), (h) => h.textContent ?? '')].join('\n').slice(0, 2000),
  });
  return typeof result?.result === 'string' ? result.result : '';
}
