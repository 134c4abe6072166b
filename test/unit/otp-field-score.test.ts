/**
 * The scoring tables without a DOM: facts as `describe.ts` would gather them from a page. The
 * Chromium tests (test/e2e/otp-fields.test.ts) cover the same pages end to end.
 */
import { describe, expect, it } from 'vitest';
import { accepts, scoreField, THRESHOLD, type FieldFacts, type Verdict } from '../../src/core/otp-field/score';

const facts = (f: Partial<FieldFacts>): FieldFacts => ({
  type: 'text', autocomplete: '', name: '', id: '', label: '', near: '', inputMode: '', pattern: '', maxLength: -1, minLength: -1, ...f,
});

describe('fields that take an authenticator code', () => {
  it.each<[string, Partial<FieldFacts>]>([
    ['Microsoft, English', { type: 'tel', name: 'otc', id: 'idTxtBx_SAOTCC_OTC', autocomplete: 'off', maxLength: 8, label: 'Code Code', near: 'Enter code Enter the code displayed in the authenticator app on your mobile device' }],
    ['Microsoft, Dutch', { type: 'tel', name: 'otc', id: 'idTxtBx_SAOTCC_OTC', autocomplete: 'off', maxLength: 8, label: 'Code Code', near: 'Code invoeren Voer de code in die wordt weergegeven in de verificator-app op uw mobiele apparaat' }],
    ['Google totpPin', { type: 'tel', name: 'totpPin', id: 'totpPin', pattern: '[0-9 ]*', label: 'Enter code' }],
    ['GitHub app_otp', { name: 'app_otp', id: 'app_totp', inputMode: 'numeric', label: 'Enter the verification code XXXXXX', near: 'Enter the verification code\nOpen your two-factor authenticator (TOTP) app or browser extension to view your authentication code.' }],
    ['GitLab otp_attempt beside a recovery-code hint', { name: 'user[otp_attempt]', id: 'user_otp_attempt', inputMode: 'numeric', label: 'Enter verification code', near: 'If you have lost your device, you can enter one of your recovery codes.' }],
    ['Keycloak', { name: 'otp', id: 'otp', autocomplete: 'one-time-code', label: 'One-time code' }],
    ['Nextcloud challenge', { name: 'challenge', autocomplete: 'one-time-code', minLength: 6, maxLength: 10, label: 'Authentication code' }],
    ['Facebook approvals_code', { name: 'approvals_code', id: 'approvals_code', type: 'tel' }],
    ['Google idvPin', { name: 'idvPin', type: 'tel' }],
    ['GitHub mobile style passcode', { name: 'passcode' }],
    ['a bare field under a Dutch heading', { name: 'code', inputMode: 'numeric', maxLength: 6, near: 'Tweestapsverificatie Voer de 6-cijferige code uit je authenticator-app in' }],
    ['Dutch: verificatiecode', { name: 'f1', label: 'Verificatiecode' }],
    ['Dutch: eenmalige code', { name: 'f1', label: 'Eenmalige code' }],
    ['Dutch: beveiligingscode', { name: 'f1', label: 'Beveiligingscode' }],
    ['German: Bestätigungscode', { name: 'f1', label: 'Bestätigungscode' }],
    ['French: code de vérification', { name: 'f1', label: 'Code de vérification' }],
    ['Spanish: código de verificación', { name: 'f1', label: 'Código de verificación' }],
    ['a password field marked one-time-code', { type: 'password', name: 'otp', autocomplete: 'one-time-code' }],
    ['a code or a recovery code in one field', { name: 'otp', label: 'Authentication code or recovery code' }],
    ['SMS mentioned as a fallback beside the app', { name: 'otp', near: 'Open your authenticator app. Lost it? Get a code by SMS.' }],
  ])('%s', (_, f) => {
    const v = scoreField(facts(f));
    expect(v.excluded).toBeNull();
    expect(v.score).toBeGreaterThanOrEqual(THRESHOLD);
    expect(accepts(v)).toBe(true);
  });
});

describe('fields that must not receive one', () => {
  it.each<[string, Partial<FieldFacts>, Verdict['excluded']]>([
    ['a hidden twin', { type: 'hidden', name: 'otc' }, 'type'],
    ['a checkbox', { type: 'checkbox', name: 'rememberMFA' }, 'type'],
    ['an email field', { type: 'email', name: 'identifier' }, 'type'],
    ['a search box', { type: 'search', name: 'q' }, 'type'],
    ['a username', { name: 'username', autocomplete: 'username', label: 'Username' }, 'autocomplete'],
    ['a password', { type: 'password', name: 'password', autocomplete: 'current-password' }, 'autocomplete'],
    ['a password without hints', { type: 'password', name: 'otp_password' }, 'password'],
    ['a card security code', { name: 'security-code', autocomplete: 'cc-csc', inputMode: 'numeric', maxLength: 4, label: 'Security code' }, 'autocomplete'],
    ['a card security code without autocomplete', { name: 'security-code', label: 'Security code', near: 'Card number Expiry Security code' }, 'commerce'],
    ['a cvc by name', { name: 'cvc' }, 'commerce'],
    ['a coupon', { name: 'coupon_code', label: 'Coupon code', maxLength: 10 }, 'commerce'],
    ['a promo code in one word', { name: 'promocode', label: 'Promo code' }, 'commerce'],
    ['a postal code', { name: 'postal_code', label: 'Postal code' }, 'commerce'],
    ['a Dutch postcode', { name: 'postcode', label: 'Postcode' }, 'commerce'],
    ['a zip code', { name: 'zipcode', label: 'ZIP' }, 'commerce'],
    ['a gift card', { name: 'giftcard_code', label: 'Gift card code' }, 'commerce'],
    ['PyPI recovery code', { name: 'recovery_code_value', id: 'recovery_code_value', pattern: '[0-9a-f]{16}', label: 'Enter recovery code 16 character hexadecimal' }, 'recovery'],
    ['django backup token', { name: 'backup-otp_token', id: 'id_backup-otp_token', label: 'Token:' }, 'recovery'],
    ['a Dutch herstelcode', { name: 'code', label: 'Herstelcode' }, 'recovery'],
    ['an SMS code by name', { name: 'sms_code', autocomplete: 'one-time-code', label: 'Code from the text message' }, 'delivery'],
    ['an SMS code by the text around it', { name: 'code', autocomplete: 'one-time-code', near: 'We sent a code to your phone' }, 'delivery'],
    ['a Dutch sms-code', { name: 'code', label: 'Code invoeren', near: 'We hebben een sms-code naar je telefoon gestuurd' }, 'delivery'],
    ['a code sent per e-mail (Dutch)', { name: 'code', label: 'Verificatiecode', near: 'We hebben je een code per e-mail gestuurd' }, 'delivery'],
    ['an e-mailed code', { name: 'verification_code', label: 'Verification code', near: 'We emailed a code to you' }, 'delivery'],
    ['a phone number', { type: 'tel', name: 'phone', label: 'Phone number' }, 'identity'],
  ])('%s', (_, f, why) => {
    const v = scoreField(facts(f));
    expect(v.excluded).toBe(why);
    expect(accepts(v)).toBe(false);
  });

  it.each<[string, Partial<FieldFacts>]>([
    ['numeric hints alone', { type: 'tel', name: 'field1', inputMode: 'numeric', maxLength: 6, pattern: '[0-9]*' }],
    ['a barcode', { name: 'barcode', label: 'Barcode' }],
    ['a plain text field', { name: 'comment', label: 'Comment' }],
    ['a lone "code" with nothing else', { name: 'code' }],
  ])('is not enough: %s', (_, f) => {
    expect(accepts(scoreField(facts(f)))).toBe(false);
  });
});

describe('scoring order', () => {
  it('ranks autocomplete=one-time-code above a bare token name', () => {
    const ac = scoreField(facts({ name: 'code', autocomplete: 'one-time-code' })).score;
    const token = scoreField(facts({ name: 'token' })).score;
    expect(ac).toBeGreaterThan(token);
  });

  it('adds the caller’s structural evidence (split boxes)', () => {
    const f = facts({ maxLength: 1, inputMode: 'numeric', near: 'Enter the 6-digit code' });
    expect(scoreField(f, 4).score - scoreField(f).score).toBe(4);
  });

  it('marks long fixed-length patterns down (recovery keys, licence codes)', () => {
    const six = scoreField(facts({ name: 'token', pattern: '\\d{6}' })).score;
    const long = scoreField(facts({ name: 'token', pattern: '[A-Z0-9]{16}' })).score;
    expect(long).toBeLessThan(six);
  });
});
