import { describe, expect, it } from 'vitest';
import { SHARED_SIGN_IN } from '../../src/core/shared-sign-in';
import { fillableSite, normaliseSiteInput, siteMatches, siteOf } from '../../src/core/site';

describe('siteOf', () => {
  it.each([
    ['https://github.com/login', 'github.com'],
    ['https://gist.github.com/', 'github.com'],
    ['https://github.com.evil.io/login', 'evil.io'],
    ['https://githubcom.io/', 'githubcom.io'],
    ['https://alice.github.io/', 'alice.github.io'],
    ['https://accounts.google.co.uk/', 'google.co.uk'],
    ['https://login.microsoftonline.com/common', 'microsoftonline.com'],
    ['http://localhost:8787/login', 'localhost'],
    ['http://evil.localhost:8787/login', 'evil.localhost'],
    ['http://127.0.0.1:9000/', '127.0.0.1'],
    ['https://GitHub.COM./x', 'github.com'],
    ['https://xn--gthub-n4a.com/', 'xn--gthub-n4a.com'],
    ['chrome-extension://abc/popup.html', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('fillableSite', () => {
  it.each([
    ['https://github.com', 'github.com'],
    ['https://login.example.com:8443', 'example.com'],
    ['https://127.0.0.1', '127.0.0.1'],
    ['http://localhost:8787', 'localhost'],
    ['http://127.0.0.1:9000', '127.0.0.1'],
    ['http://127.1.2.3', '127.1.2.3'],
    ['http://[::1]:8080', '::1'],
    // Plain http on a real host, even the account's own on another port: no code.
    ['http://github.com', null],
    ['http://example.com:8080', null],
    ['http://128.0.0.1', null],
    ['http://evil.localhost', null],
    ['http://localhost.evil.io', null],
    ['http://10.0.0.1', null],
    ['null', null],
    ['file:///tmp/x.html', null],
    ['chrome-extension://abc', null],
  ])('%s → %s', (origin, site) => {
    expect(fillableSite(origin)).toBe(site);
  });
});

describe('siteMatches', () => {
  it('matches the registrable domain, never a substring', () => {
    expect(siteMatches(['github.com'], 'github.com')).toBe(true);
    expect(siteMatches(['github.com'], 'evil.io')).toBe(false);
    expect(siteMatches(['github.com'], 'github.co')).toBe(false);
    expect(siteMatches(['github.com'], 'notgithub.com')).toBe(false);
  });

  it('lets sites that share sign-in receive each other’s codes, and no others', () => {
    expect(siteMatches(['microsoft.com'], 'live.com')).toBe(true);
    expect(siteMatches(['live.com'], 'microsoftonline.com')).toBe(true);
    expect(siteMatches(['amazon.de'], 'amazon.nl')).toBe(true);
    expect(siteMatches(['microsoft.com'], 'amazon.com')).toBe(false);
  });

  it('keeps every group disjoint and made of registrable domains', () => {
    const seen = new Set<string>();
    for (const group of SHARED_SIGN_IN) {
      for (const site of group) {
        expect(seen.has(site), site).toBe(false);
        seen.add(site);
        expect(siteOf(`https://www.${site}/`), site).toBe(site);
      }
    }
  });
});

describe('normaliseSiteInput', () => {
  it.each([
    ['github.com', 'github.com'],
    ['  https://www.GitHub.com/login ', 'github.com'],
    ['', null],
  ])('%s → %s', (text, site) => {
    expect(normaliseSiteInput(text)).toBe(site);
  });
});
