/** What a scanned QR code's text means for enrolment (issue 4): accounts, or a helpful refusal. */
import { describe, expect, it } from 'vitest';
import { TwostepError, type ErrorCode } from '../../src/core/errors';
import { accountsFromQrText } from '../../src/core/qr/enrolment';

const codeOf = (text: string): ErrorCode | null => {
  try {
    accountsFromQrText(text);
    return null;
  } catch (err) {
    if (err instanceof TwostepError) return err.code;
    throw err;
  }
};

describe('accountsFromQrText', () => {
  it('reads one otpauth:// account', () => {
    const [account, ...rest] = accountsFromQrText('otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    expect(rest).toEqual([]);
    expect(account).toMatchObject({ kind: 'totp', issuer: 'GitHub', name: 'alice', digits: 6, period: 30, sites: [] });
  });

  it('reads every account of a Google Authenticator transfer code', () => {
    const uri =
      'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';
    expect(accountsFromQrText(uri)).toMatchObject([{ issuer: 'raspberrypi', name: 'pi@raspberrypi', secret: '7KSQL2JTUDIS5EF65KLMRQIIGY' }]);
  });

  it.each([
    ['phonefactor://activate_account?code=123456789&url=https://mobileappcommunicator.auth.microsoft.com/activate/1/WEU', 'qr_microsoft_push'],
    ['PHONEFACTOR://activate_account?code=1', 'qr_microsoft_push'],
    ['https://example.com', 'qr_not_authenticator'],
    ['WIFI:S:home;T:WPA;P:secret;;', 'qr_not_authenticator'],
    ['', 'qr_not_authenticator'],
    ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'uri_label_missing'],
    ['otpauth-migration://offline?data=%%%', 'migration_malformed'],
  ] as const)('%s → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });
});
