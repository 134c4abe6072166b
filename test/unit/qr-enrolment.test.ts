/**
 * What a scanned QR code's text means for enrolment (issue 4): accounts, or a helpful refusal; and
 * the site they may be bound to (issue 8).
 */
import { describe, expect, it } from 'vitest';
import { TwostepError, type ErrorCode } from '../../src/core/errors';
import { accountsFromQrText, planEnrolment } from '../../src/core/qr/enrolment';

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

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const PLAIN = 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP';
const TRANSFER =
  'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';

describe('planEnrolment', () => {
  it.each([
    // [text, top page origin, framed] → site, unbound, mismatch
    [GITHUB, 'https://github.com', false, 'github.com', null, null],
    [GITHUB, 'https://www.github.com:8443', false, 'github.com', null, null],
    [GITHUB, 'https://github.com', true, null, 'frame', null],
    [GITHUB, 'http://github.com', false, null, 'insecure', null],
    [GITHUB, 'http://localhost:8787', false, 'localhost', null, { issuer: 'GitHub', site: 'localhost' }],
    [GITHUB, 'https://evil-example.com', false, 'evil-example.com', null, { issuer: 'GitHub', site: 'evil-example.com' }],
    [GITHUB, 'https://evil-example.com', true, null, 'frame', null],
    [PLAIN, 'https://evil-example.com', false, 'evil-example.com', null, null],
    [GITHUB, 'http://127.0.0.1:9000', false, '127.0.0.1', null, null],
    [GITHUB, 'file:///tmp/qr.html', false, null, null, null],
    [TRANSFER, 'https://github.com', false, null, 'transfer', null],
    [TRANSFER, 'http://127.0.0.1:9000', false, null, 'transfer', null],
  ] as const)('%s on %s (framed %s) → %s, %s', (text, origin, framed, site, unbound, mismatch) => {
    expect(planEnrolment(text, { origin, framed })).toMatchObject({ site, unbound, mismatch });
  });

  it('suggests a site for a transfer code’s account only from its issuer, or the page it fits', () => {
    const batch = 'otpauth-migration://offline?data=' + encodeURIComponent(
      Buffer.from([
        ...[0x0a, 0x21, 0x0a, 0x0a, ...Buffer.from('0123456789'), 0x12, 0x05, ...Buffer.from('alice'), 0x1a, 0x06, ...Buffer.from('GitHub'), 0x20, 0x01, 0x28, 0x01, 0x30, 0x02],
        ...[0x0a, 0x24, 0x0a, 0x0a, ...Buffer.from('abcdefghij'), 0x12, 0x03, ...Buffer.from('bob'), 0x1a, 0x0b, ...Buffer.from('Example Org'), 0x20, 0x01, 0x28, 0x01, 0x30, 0x02],
      ]).toString('base64'),
    );
    expect(planEnrolment(batch, { origin: 'https://example.org', framed: false }).suggestions).toEqual(['github.com', 'example.org']);
    // Shown inside another site's frame, or over plain http: the page is no suggestion.
    expect(planEnrolment(batch, { origin: 'https://example.org', framed: true }).suggestions).toEqual(['github.com', null]);
    expect(planEnrolment(batch, { origin: 'http://example.org', framed: false }).suggestions).toEqual(['github.com', null]);
  });
});
