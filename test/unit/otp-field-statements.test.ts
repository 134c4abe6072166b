/**
 * What a section's text says about the code (src/core/otp-field/statements.ts), and how the score
 * weighs it against the field's own evidence: sentences that say the code was sent, that ask for a
 * recovery code, or that name an authenticator app, in English, Dutch, German and French.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStatements, type Statements } from '../../src/core/otp-field/statements';
import { accepts, scoreField, type FieldFacts } from '../../src/core/otp-field/score';
import { maskContacts } from '../../src/core/otp-field/text';

const facts = (f: Partial<FieldFacts>): FieldFacts => ({
  type: 'text', autocomplete: '', name: '', id: '', label: '', near: '', inputMode: '', pattern: '', maxLength: -1, minLength: -1, ...f,
});

describe('maskContacts', () => {
  it.each([
    ['We sent a code to •••@example.com.', 'emailaddress'],
    ['We sent a code to a***@example.co.uk', 'emailaddress'],
    ['sent to +31 6 ** ** ** 12', 'phonenumber'],
    ['sent to (•••) •••-1234', 'phonenumber'],
    ['call +1 415 555 0100', 'phonenumber'],
  ])('%s', (text, word) => expect(maskContacts(text)).toContain(word));

  it('leaves short plain numbers alone', () => {
    expect(maskContacts('Enter the 6-digit code within 30 seconds')).toBe('Enter the 6-digit code within 30 seconds');
  });
});

describe('readStatements', () => {
  it.each<[string, keyof Statements]>([
    ['We sent a code to •••@example.com.', 'sent'],
    ['Enter the code we texted you', 'sent'],
    ["We'll email you a code so you can sign in without a password.", 'sent'],
    ['Check your inbox', 'sent'],
    ['Code per SMS', 'sent'],
    ["Didn't receive the code?", 'sent'],
    ['We hebben een code naar a•••@example.com gestuurd.', 'sent'],
    ['Wir haben Ihnen einen Bestätigungscode per SMS an +49 ••• •••• 78 geschickt.', 'sent'],
    ['Nous avons envoyé un code à votre adresse e-mail.', 'sent'],
    ['Saisissez le code reçu par SMS', 'sent'],
    ['Enter the code from the text message', 'sent'],
    ['Voer de code uit de e-mail in', 'sent'],
    ['Enter one of your backup codes.', 'recovery'],
    ['Use a recovery code', 'recovery'],
    ['Voer een van je herstelcodes in.', 'recovery'],
    ['Geben Sie einen Ihrer Wiederherstellungscodes ein', 'recovery'],
    ["Saisissez l'un de vos codes de secours.", 'recovery'],
    ['Enter the code from your authenticator app', 'app'],
    ['Type the 6-digit code from your app.', 'app'],
    ['Voer de code uit je verificatie-app in.', 'app'],
    ['Geben Sie den Code aus Ihrer Authenticator-App ein.', 'app'],
    ["Saisissez le code généré par votre application d'authentification.", 'app'],
  ])('%s → %s', (text, what) => expect(readStatements(text)[what]).toBe(true));

  it.each<[string, keyof Statements]>([
    // Mentions are not statements about the code.
    ['Email or username', 'sent'],
    ['Signed in as alice@example.com', 'sent'],
    ['Connecté en tant que alice@example.com', 'sent'],
    ['Open the authenticator app on your phone', 'sent'],
    // Fallbacks offer another way; they do not say what the field asks for now.
    ["If you've lost your device, you can enter one of your recovery codes.", 'recovery'],
    ['Lost your phone? You can enter a backup code instead.', 'recovery'],
    ["Can't use your app? We can text you a code", 'sent'],
    ['Als je je telefoon kwijt bent, voer dan een herstelcode in.', 'recovery'],
    ['Wenn Sie Ihr Gerät verloren haben, geben Sie einen Wiederherstellungscode ein.', 'recovery'],
    ['Si vous avez perdu votre téléphone, saisissez un code de secours.', 'recovery'],
    // A set-up page (scan, then confirm with a code) tells you to keep your recovery codes.
    ['Download your recovery codes and keep them somewhere safe.', 'recovery'],
    // The authenticator's code on a phone is not a code sent to a phone.
    ['Enter the code from your phone', 'sent'],
    ['Geben Sie den Code von Ihrem Handy ein', 'sent'],
    // Either code is accepted.
    ['Authentication code or recovery code', 'recovery'],
    ['Enter the code from your authenticator app or one of your recovery codes', 'recovery'],
  ])('%s → not %s', (text, what) => expect(readStatements(text)[what]).toBe(false));

  it('reads each sentence alone: a fallback beside an instruction does not spoil it', () => {
    const s = readStatements('Enter the code from your authenticator app.\nLost your device? Use a recovery code.');
    expect(s).toMatchObject({ app: true, recovery: false, sent: false });
  });
});

describe('the field’s own evidence against its section', () => {
  const strong = { name: 'otp', autocomplete: 'one-time-code', inputMode: 'numeric' };
  it.each<[string, Partial<FieldFacts>]>([
    ['an "Email or username" field beside it', { ...strong, near: 'Email or username\nTwo-factor code' }],
    ['the account address shown', { ...strong, near: 'Signed in as bob@example.com' }],
    ['a weak pin field under an app instruction', { name: 'pin', maxLength: 6, near: 'Enter the code from your authenticator app' }],
    ['an unnamed field under a French app instruction', { maxLength: 6, near: "Saisissez le code généré par votre application d'authentification." }],
  ])('filled: %s', (_, f) => expect(accepts(scoreField(facts(f)))).toBe(true));

  it.each<[string, Partial<FieldFacts>, string]>([
    ['a strong field in backup-code mode', { ...strong, maxLength: 10, near: 'Enter one of your backup codes.' }, 'recovery'],
    ['a strong field under "we sent a code to •••@example.com"', { ...strong, near: 'We sent a code to •••@example.com.' }, 'delivery'],
    ['a strong field labelled "Enter the code we texted you"', { ...strong, label: 'Enter the code we texted you' }, 'delivery'],
    ['a German SMS code', { ...strong, near: 'Wir haben Ihnen einen Code per SMS geschickt.' }, 'delivery'],
  ])('refused: %s', (_, f, why) => {
    const v = scoreField(facts(f));
    expect(v.excluded).toBe(why);
    expect(accepts(v)).toBe(false);
  });

  it('a field with no hint of its own is not the code field, whatever the section says', () => {
    expect(accepts(scoreField(facts({ name: 'note', near: 'Enter the code from your authenticator app' })))).toBe(false);
  });
});

describe('properties', () => {
  const accepted: Partial<FieldFacts>[] = [
    { name: 'otp', autocomplete: 'one-time-code' },
    { name: 'totp', inputMode: 'numeric', maxLength: 6 },
    { name: 'pin', maxLength: 6, near: 'Enter the code from your authenticator app' },
    { name: 'user[otp_attempt]', label: 'Enter verification code' },
  ];
  // Words that name a channel or an identity without saying anything about the code.
  const mentions = ['Email or username', 'E-mail', 'Phone number', 'SMS', 'Signed in as alice@example.com', 'Mobiel nummer', 'Adresse e-mail', 'Telefon'];

  it('mentions of e-mail, phone or SMS beside a field never veto it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...accepted), fc.array(fc.constantFrom(...mentions), { maxLength: 6 }), (f, extra) => {
        const near = [f.near ?? '', ...extra].join('\n');
        expect(accepts(scoreField(facts({ ...f, near })))).toBe(true);
      }),
    );
  });

  it('a recovery-code request becomes a fallback under a condition, in any of the languages', () => {
    const asks = ['enter one of your backup codes', 'use a recovery code', 'voer een herstelcode in', 'geben Sie einen Wiederherstellungscode ein', 'saisissez un code de secours'];
    const conditions = ['If you lost your device, ', 'Lost your phone? ', 'Als je je telefoon kwijt bent, ', 'Wenn Sie Ihr Gerät verloren haben, ', 'Si vous avez perdu votre téléphone, '];
    fc.assert(
      fc.property(fc.constantFrom(...asks), fc.constantFrom(...conditions), (ask, condition) => {
        expect(readStatements(ask).recovery).toBe(true);
        expect(readStatements(condition + ask).recovery).toBe(false);
      }),
    );
  });
});
