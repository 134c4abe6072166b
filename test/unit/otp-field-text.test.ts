import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise, tokenise } from '../../src/core/otp-field/text';

describe('tokenise', () => {
  it.each<[string, string[]]>([
    ['totpPin', ['totp', 'pin']],
    ['idvPin', ['idv', 'pin']],
    ['idTxtBx_SAOTCC_OTC', ['id', 'txt', 'bx', 'saotcc', 'otc']],
    ['user[otp_attempt]', ['user', 'otp', 'attempt']],
    ['OTPCode', ['otp', 'code']],
    ['otp-code-0', ['otp', 'code', '0']],
    ['code1', ['code', '1']],
    ['user_2fa_code', ['user', '2fa', 'code']],
    ['token-otp_token', ['token', 'otp', 'token']],
    ['approvals_code', ['approvals', 'code']],
    ['postcode', ['postcode']],
    ['zipcode', ['zipcode']],
    ['promocode', ['promocode']],
    ['', []],
  ])('%s', (id, tokens) => {
    expect(tokenise(id)).toEqual(tokens);
  });

  it('never finds the word "code" glued to the end of a lowercase word (postcode, promocode, barcode)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), (prefix) => {
        expect(tokenise(`${prefix}code`)).not.toContain('code');
      }),
    );
  });

  it('returns only non-empty lowercase letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        for (const t of tokenise(s)) expect(t).toMatch(/^[a-z0-9]+$/);
      }),
    );
  });
});

describe('normalise', () => {
  it.each<[string, string]>([
    ['Bestätigungscode', ' bestatigungscode '],
    ['Código de verificación', ' codigo de verificacion '],
    ['Code de sécurité', ' code de securite '],
    ['  2-Step\nVerification ', ' 2 step verification '],
    ['sms-code', ' sms code '],
    ['Voer de code in die wordt weergegeven in de verificator-app', ' voer de code in die wordt weergegeven in de verificator app '],
    ['', '  '],
  ])('%j', (text, out) => {
    expect(normalise(text)).toBe(out);
  });
});
