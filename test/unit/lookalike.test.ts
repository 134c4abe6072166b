import { describe, expect, it } from 'vitest';
import { accountMatches, findLookalike, namesIssuer, PAGE_TEXT_MAX, siteKey } from '../../src/core/lookalike';

const github = { issuer: 'GitHub', sites: ['github.com'] };
const google = { issuer: 'Google', sites: ['google.com'] };
const example = { issuer: 'Example Corp', sites: ['localhost'] };
const unbound = { issuer: 'Proton', sites: [] };
const accounts = [github, google, example, unbound];

describe('namesIssuer', () => {
  it.each([
    ['Sign in to GitHub', 'GitHub', true],
    ['sign in to github · two-factor', 'GitHub', true],
    ['GITHUB', 'github', true],
    ['Two-step verification - Example Corp', 'Example Corp', true],
    ['(GitHub)', 'GitHub', true],
    ['GitHubber news', 'GitHub', false],
    ['MyGitHub', 'GitHub', false],
    ['github2fa', 'GitHub', false],
    ['Ox', 'Ox', false],
    ['Open Google Authenticator and enter the code', 'Google', false],
    ['Open Google Authenticator, then sign in to Google', 'Google', true],
    ['Microsoft  authenticator', 'Microsoft', false],
    ['Entrez le code de Société Générale', 'Société Générale', true],
    ['Sociétés', 'Société', false],
    ['a.b+c (x)', 'b+c', true],
    ['abc', '   ', false],
  ])('%j names %j: %s', (text, issuer, expected) => {
    expect(namesIssuer(text, issuer)).toBe(expected);
  });
});

describe('siteKey and accountMatches', () => {
  it.each([
    ['github.com', 'github.com'],
    ['www.github.com', 'github.com'],
    ['login.example.co.uk', 'example.co.uk'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['alice.github.io', 'alice.github.io'],
  ])('%s is keyed as %s', (site, key) => {
    expect(siteKey(site)).toBe(key);
  });

  it('matches by registrable domain, never by substring', () => {
    expect(accountMatches(['www.github.com'], 'github.com')).toBe(true);
    expect(accountMatches(['github.com'], 'evil.io')).toBe(false);
    expect(accountMatches(['github.com'], 'github.com.evil.io')).toBe(false);
    expect(accountMatches(['alice.github.io'], 'bob.github.io')).toBe(false);
    expect(accountMatches([], 'github.com')).toBe(false);
  });
});

describe('findLookalike', () => {
  it.each([
    ['a page naming GitHub on another domain', 'Sign in to GitHub', 'github-login.example', { issuer: 'GitHub', site: 'github.com' }],
    ['the same page on github.com', 'Sign in to GitHub', 'github.com', null],
    ['a look-alike host name', 'GitHub two-factor authentication', 'github.com.evil.io', { issuer: 'GitHub', site: 'github.com' }],
    ['the demo page on another host', 'Two-step verification - Example Corp', '127.0.0.1', { issuer: 'Example Corp', site: 'localhost' }],
    ['the demo page on its own host', 'Two-step verification - Example Corp', 'localhost', null],
    ['an issuer named inside a word', 'GitHubber conference', 'evil.io', null],
    ['no issuer named', 'Enter your code', 'evil.io', null],
    ['only the authenticator app named', 'Enter the code from Google Authenticator', 'evil.io', null],
    ['an issuer without sites says nothing', 'Proton Mail sign in', 'evil.io', null],
    ['a page without a site (not http)', 'Sign in to GitHub', null, null],
  ] as const)('%s', (_name, text, site, expected) => {
    expect(findLookalike(text, site, accounts)).toEqual(expected);
  });

  it('does not warn on a page that is some account’s own site, whatever else it names', () => {
    const gitlab = { issuer: 'GitLab', sites: ['gitlab.com'] };
    expect(findLookalike('Sign in to GitLab with GitHub', 'gitlab.com', [github, gitlab])).toBeNull();
    expect(findLookalike('Sign in to GitLab with GitHub', 'gitlab.com', [github])).toEqual({ issuer: 'GitHub', site: 'github.com' });
  });

  it('names the first site of the account', () => {
    expect(findLookalike('Microsoft account', 'evil.io', [{ issuer: 'Microsoft', sites: ['live.com', 'microsoft.com'] }])).toEqual({
      issuer: 'Microsoft',
      site: 'live.com',
    });
  });

  it('reads no further than the first 2,000 characters', () => {
    const text = `${'x '.repeat(PAGE_TEXT_MAX)} GitHub`;
    expect(findLookalike(text, 'evil.io', accounts)).toBeNull();
    expect(findLookalike(`GitHub ${text}`, 'evil.io', accounts)).toEqual({ issuer: 'GitHub', site: 'github.com' });
  });

  it('treats issuer text as text, not as a pattern', () => {
    expect(findLookalike('sign in to aXb', 'evil.io', [{ issuer: 'a.b', sites: ['ab.com'] }])).toBeNull();
    expect(findLookalike('sign in to a.b', 'evil.io', [{ issuer: 'a.b', sites: ['ab.com'] }])).toEqual({ issuer: 'a.b', site: 'ab.com' });
  });
});
