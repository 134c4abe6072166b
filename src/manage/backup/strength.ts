/**
 * Password strength for backups, from zxcvbn-ts (a maintained port of Dropbox's zxcvbn) with the
 * common, English and Dutch (nl-be) dictionaries. They weigh about 2 MB, so they load on first use,
 * by dynamic import, and only on this page: never in the popup or the worker.
 */
import { uiLanguage } from '../../shared/i18n';

/**
 * The bar: zxcvbn's top score, 4, "very unguessable" (an estimated 10^10 guesses or more). A backup
 * can be copied and attacked offline for ever, with no PIN throttle in the way: at 64 MiB of Argon2id
 * per guess a GPU rig might try some thousands a second, so 10^10 guesses is months of work, while
 * score 3 (10^8) falls in a day.
 */
export const MIN_SCORE = 4;

export interface Strength {
  /** 0 (too guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  /** zxcvbn's warning and suggestions, in the page's language (English or Dutch). */
  warning: string | null;
  suggestions: string[];
}

type Check = (password: string) => Strength;
let loading: Promise<Check> | null = null;

/** Words that make a backup password guessable here, whatever the dictionaries say. */
const USER_INPUTS = ['twostep', 'backup', 'authenticator', 'herstel', 'restore'];

async function load(): Promise<Check> {
  const [{ ZxcvbnFactory }, common, en, nl] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-nl-be'),
  ]);
  const dutch = uiLanguage().toLowerCase().startsWith('nl');
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
    graphs: common.adjacencyGraphs,
    translations: dutch ? nl.translations : en.translations,
  });
  return (password) => {
    const result = zxcvbn.check(password, USER_INPUTS);
    return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
  };
}

/** Loads the checker once (the page starts loading it when the password field appears). */
export function strengthChecker(): Promise<Check> {
  loading ??= load();
  return loading;
}
