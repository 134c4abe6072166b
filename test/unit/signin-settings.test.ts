/** The pure parts of the sign-in popup: which permission a settings change waits for, the settings it may carry, and the badges. */
import { describe, expect, it } from 'vitest';
import type { AccountMeta } from '../../src/core/account';
import { DEFAULT_SETTINGS, parseSettings, parseSettingsPatch } from '../../src/background/settings-store';
import { distinguishers } from '../../src/popup/format';
import { grantFor, SITE_ORIGINS } from '../../src/shared/site-access';

describe('grantFor', () => {
  it('asks for what turning a setting on needs, and nothing for turning it off', () => {
    expect(grantFor({ inlineButton: true })).toEqual({ origins: SITE_ORIGINS });
    expect(grantFor({ clipboardClearSeconds: 30 })).toEqual({ permissions: ['clipboardRead', 'clipboardWrite'] });
    expect(grantFor({ siteIcons: true })).toEqual({ permissions: ['favicon'] });
    for (const off of [{ inlineButton: false }, { clipboardClearSeconds: 0 }, { siteIcons: false }, { hideCodes: true }, {}]) expect(grantFor(off)).toBeNull();
  });
});

describe('settings for the sign-in popup', () => {
  it('keeps the popup closing after a fill and the clipboard alone unless the user chose otherwise', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ keepPopupOpen: false, clipboardClearSeconds: 0, siteIcons: false });
    expect(parseSettings({ clipboardClearSeconds: -5, keepPopupOpen: 'yes' })).toMatchObject({ clipboardClearSeconds: 0, keepPopupOpen: false });
  });

  it('refuses a clipboard delay that is not whole seconds between 0 and 10 minutes', () => {
    expect(parseSettingsPatch({ clipboardClearSeconds: 30 })).toEqual({ clipboardClearSeconds: 30 });
    for (const bad of [-1, 601, 1.5, '30', null]) expect(() => parseSettingsPatch({ clipboardClearSeconds: bad })).toThrow();
  });
});

describe('distinguishers', () => {
  const account = (id: string, issuer: string, name: string, kind: AccountMeta['kind'], sites: string[] = []): AccountMeta =>
    ({ id, issuer, name, kind, sites }) as unknown as AccountMeta;

  it('names the kind, or else the site, only for accounts that share their names', () => {
    const badges = distinguishers([
      account('a', 'Twin', 'bob', 'totp'),
      account('b', 'twin', 'Bob', 'hotp'),
      account('c', 'Work', 'me', 'totp', ['a.example']),
      account('d', 'Work', 'me', 'totp', ['b.example']),
      account('e', 'Alone', 'me', 'totp'),
      account('f', 'Same', 'x', 'totp', ['s.example']),
      account('g', 'Same', 'x', 'totp', ['s.example']),
    ]);
    expect(Object.fromEntries(badges)).toEqual({ a: 'TOTP', b: 'HOTP', c: 'a.example', d: 'b.example' });
  });
});
