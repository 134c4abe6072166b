/** Core rules behind the popup's forms (issue 12): which typed sites are sites, which PINs are weak, the list's order. */
import { describe, expect, it } from 'vitest';
import { unsupportedAlgorithmName } from '../../src/core/error-detail';
import { isWeakPin } from '../../src/core/pin-policy';
import { firstUnregistrableSite, isRegistrableSite } from '../../src/core/site';
import { sortAccounts } from '../../src/popup/format';
import type { AccountMeta } from '../../src/core/account';

describe('isRegistrableSite', () => {
  it.each(['github.com', 'example.co.uk', 'alice.github.io', '127.0.0.1', '::1', 'localhost', 'xn--bcher-kva.example'])('accepts %s', (site) => {
    expect(isRegistrableSite(site)).toBe(true);
  });
  it.each(['com', 'co.uk', 'github.io', 'www.github.com', 'login.example.co.uk', 'not a domain', '', 'github.com.', 'https://github.com'])(
    'refuses %j',
    (site) => expect(isRegistrableSite(site)).toBe(false),
  );
  it('names the first entry that is not a site', () => {
    expect(firstUnregistrableSite(['github.com', ' Not A Domain ', 'com'])).toBe('not a domain');
    expect(firstUnregistrableSite(['github.com', 'gitlab.com'])).toBeNull();
  });
});

describe('isWeakPin', () => {
  it.each(['1234', '0000', '1111', '123456', '654321', '4321', '9876', '1212', '121212', '7890', '1990', '2024', '0123456789'])(
    'warns about %s',
    (pin) => expect(isWeakPin(pin)).toBe(true),
  );
  it.each(['4829', '731946', '2580x', '12', '9153', '5831'])('does not warn about %s', (pin) => expect(isWeakPin(pin)).toBe(false));
});

describe('sortAccounts', () => {
  const meta = (issuer: string, name: string): AccountMeta => ({
    id: `${issuer}/${name}`,
    kind: 'totp',
    issuer,
    name,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [],
    createdAt: 0,
    updatedAt: 0,
  });
  it('sorts an account without a service name by its account name, not first', () => {
    const sorted = sortAccounts([meta('GitHub', 'alice'), meta('', 'zoe@example.com'), meta('', 'bob@example.com'), meta('Amazon', 'x')]);
    expect(sorted.map((a) => a.issuer || a.name)).toEqual(['Amazon', 'bob@example.com', 'GitHub', 'zoe@example.com']);
  });
  it('breaks ties by name, in the user’s collation', () => {
    expect(sortAccounts([meta('Äpfel', 'b'), meta('Apfel', 'a')]).map((a) => a.name)).toEqual(['a', 'b']);
  });
});

describe('unsupportedAlgorithmName', () => {
  it.each([
    ['MD5', 'MD5'],
    ['2: MD5', 'MD5'],
    ['GOST3411', 'GOST3411'],
    ['account 1: MD5', 'MD5'],
    ['GOST3411_2012_256', 'GOST3411_2012_256'],
    ['account 1: 9', null],
    ['3', null],
    [undefined, null],
    ['<img src=x>', null],
  ])('%j names %j', (detail, name) => expect(unsupportedAlgorithmName(detail)).toBe(name));
});
