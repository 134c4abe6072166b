/**
 * Reads what the text of a field's section says about the code, one sentence at a time: where the
 * code comes from (an app, or a message that was sent), and whether it asks for a recovery code now.
 * Which words appear somewhere near a field says little ("Email or username" beside a TOTP field);
 * what a sentence states about the code says a lot ("We sent a code to •••@example.com").
 */
import { ASK, AUTHENTICATOR, FALLBACK, PAYMENT_CONTEXT, PHRASE, RECOVERY, SENT, STRONG } from './signals';
import { sentences } from './text';

export interface Statements {
  /** A sentence names an authenticator app as the source of the code. */
  app: boolean;
  /** A sentence says the code was (or will be) sent by e-mail, SMS or phone. */
  sent: boolean;
  /** A sentence asks for a backup or recovery code, not as a fallback. */
  recovery: boolean;
  /** Second-factor words or phrases appear ("Two-step verification", "Enter the code"). */
  positive: boolean;
  /** The section is a payment form (card number, expiry). */
  payment: boolean;
}

/** What `text` (sentences separated by punctuation or line breaks) states about the code. */
export function readStatements(text: string): Statements {
  const out: Statements = { app: false, sent: false, recovery: false, positive: false, payment: false };
  for (const s of sentences(text)) {
    const fallback = FALLBACK.test(s);
    const app = AUTHENTICATOR.test(s);
    if (app && !fallback) out.app = true;
    if (SENT.test(s) && !fallback) out.sent = true;
    // "Authentication code or recovery code", "the code from your app or a backup code": either is
    // accepted, so only a sentence that asks for the recovery code alone switches the field's mode.
    const asks = ASK.test(s) || s.trim().split(' ').length <= 3;
    if (RECOVERY.test(s) && asks && !fallback && !app && !PHRASE.test(s)) out.recovery = true;
    if (STRONG.test(s) || PHRASE.test(s)) out.positive = true;
    if (PAYMENT_CONTEXT.test(s)) out.payment = true;
  }
  return out;
}
