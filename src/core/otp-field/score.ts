/**
 * Scores one field (or one row of split boxes) from plain facts, so the tables can be tested in node
 * without a DOM. `describe.ts` gathers the facts from the page.
 */
import { AUTHENTICATOR, COMMERCE, DELIVERY, IDENTITY, OTHER_AUTOFILL, PHRASE, RECOVERY, SENT, STRONG, WEAK } from './signals';
import { readStatements } from './statements';
import { maskContacts, normalise, tokenise } from './text';

/** What scoring needs to know about a field; strings as found on the page. */
export interface FieldFacts {
  type: string;
  autocomplete: string;
  name: string;
  id: string;
  /** Label text, aria-label(ledby), aria-describedby, placeholder and title, joined. */
  label: string;
  /**
   * Visible text of the field's section (the nearest small container and the headings before it),
   * blocks separated by line breaks; links and buttons left out (they offer another way, they do not
   * say what this field asks for).
   */
  near: string;
  inputMode: string;
  pattern: string;
  /** -1 when absent, as the DOM reports it. */
  maxLength: number;
  minLength: number;
}

export interface Verdict {
  score: number;
  /** Why the field must not be filled, or null. */
  excluded: null | 'type' | 'autocomplete' | 'recovery' | 'commerce' | 'identity' | 'delivery' | 'password';
  /** Whether something other than numeric hints points at a second factor. */
  semantic: boolean;
}

/** A field needs at least this score (and a semantic signal) to be filled. */
export const THRESHOLD = 6;
/** What second-factor words in the surrounding text add. */
export const NEAR_BONUS = 2;
/** What an instruction naming an authenticator app adds ("Enter the code from your authenticator app"). */
export const APP_BONUS = 5;

const FILLABLE_TYPES = new Set(['text', 'tel', 'number', 'password', '']);

/** Whether an input of this type could hold a typed code (checked before the costlier layout checks). */
export const fillableType = (type: string): boolean => FILLABLE_TYPES.has(type.toLowerCase());

/** Scores a field; `extra` adds evidence the caller has (split-box structure, focus). */
export function scoreField(f: FieldFacts, extra = 0): Verdict {
  const type = f.type.toLowerCase();
  const ac = f.autocomplete.toLowerCase().split(/\s+/).filter(Boolean);
  const oneTimeCode = ac.includes('one-time-code');
  const no = (excluded: NonNullable<Verdict['excluded']>): Verdict => ({ score: 0, excluded, semantic: false });

  if (!fillableType(type)) return no('type');
  if (!oneTimeCode && ac.some((t) => OTHER_AUTOFILL.test(t))) return no('autocomplete');

  const ids = normalise(`${tokenise(f.name).join(' ')} ${tokenise(f.id).join(' ')}`);
  const label = normalise(maskContacts(f.label));
  const own = `${ids}${label}`;
  const said = readStatements(f.near);

  const strong = STRONG.test(own);
  const phrase = PHRASE.test(own);
  const ownApp = AUTHENTICATOR.test(own);
  // A recovery word in the name is decisive (django's backup-otp_token); in a label it yields to a
  // positive phrase, as in "authentication code or recovery code". A section that asks for a recovery
  // code (sites switch the same input into that mode by changing only the text) decides whatever the
  // field's attributes say: a TOTP typed there is refused and may count as a failed attempt.
  if (RECOVERY.test(ids) || (RECOVERY.test(label) && !strong && !phrase) || said.recovery) return no('recovery');
  if (COMMERCE.test(own)) return no('commerce');
  // A card form's "security code": the section decides only for a field with no second-factor evidence of its own.
  if (said.payment && !oneTimeCode && !strong) return no('commerce');
  if (IDENTITY.test(own)) return no('identity');
  // The code is genuine but comes by message, not from this authenticator: a field named or labelled
  // for it ("sms_code"), or a section stating the code was sent ("we texted you a code"), even with
  // autocomplete=one-time-code (which also asks browsers to offer SMS codes). Naming the app wins.
  if ((DELIVERY.test(own) || SENT.test(label)) && !ownApp) return no('delivery');
  if (said.sent && !ownApp && !said.app) return no('delivery');
  if (type === 'password' && !oneTimeCode) return no('password');

  let score = extra;
  if (oneTimeCode) score += 10;
  if (strong) score += 8;
  if (phrase) score += 6;
  let weak = 0;
  for (const [re, w] of WEAK) if (re.test(own)) weak = Math.max(weak, w);
  score += weak;
  // The section's words: an instruction naming an authenticator app is strong evidence, other
  // second-factor words a little; either counts only for a field with a hint of its own (a weak word,
  // a numeric or length hint), so an unrelated text box in the same small form stays out.
  const nearBonus = said.app ? APP_BONUS : said.positive ? NEAR_BONUS : 0;
  score += nearBonus;

  let numeric = 0;
  if (type === 'tel' || type === 'number') numeric++;
  if (f.inputMode.toLowerCase() === 'numeric') numeric++;
  if (/\\d|\[0-9/.test(f.pattern)) numeric++;
  if (f.maxLength >= 6 && f.maxLength <= 10) numeric++;
  if (f.minLength >= 6 && f.minLength <= 8) numeric++;
  score += Math.min(numeric, 3);
  // Long fixed lengths are recovery keys or licence codes, not 6-8 digit OTPs; a pattern that also
  // allows 6-8 characters (GitHub's "six digits or a recovery code") is not marked down.
  const lengths = Array.from(f.pattern.matchAll(/\{(\d+)\}/g), (m) => Number(m[1]));
  const longOnly = lengths.some((n) => n > 10) && !lengths.some((n) => n >= 6 && n <= 8);
  if (f.maxLength > 12 || longOnly) score -= 4;

  const ownWords = oneTimeCode || strong || phrase || weak > 0;
  return { score, excluded: null, semantic: ownWords || (numeric > 0 && nearBonus > 0) };
}

/** Whether a verdict is good enough to fill. */
export function accepts(v: Verdict): boolean {
  return v.excluded === null && v.semantic && v.score >= THRESHOLD;
}
