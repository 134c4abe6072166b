/** Does a QR code's issuer fit the site that showed it (issue 8)? Real issuers, real sites, and look-alikes. */
import { describe, expect, it } from 'vitest';
import { issuerFit, knownIssuerSite, suggestedSite, type IssuerFit } from '../../src/core/issuer-site';

describe('issuerFit', () => {
  it.each<[string, string, IssuerFit]>([
    // Fits: the issuer's word is the site's label, or a site sharing its sign-in, or a known alias.
    ['Google', 'google.com', 'fits'],
    ['Google', 'google.co.uk', 'fits'],
    ['accounts.google.com', 'google.com', 'fits'],
    ['Google Workspace', 'google.com', 'fits'],
    ['Microsoft', 'microsoft.com', 'fits'],
    ['Microsoft', 'live.com', 'fits'],
    ['Microsoft', 'microsoftonline.com', 'fits'],
    ['Microsoft Online', 'microsoftonline.com', 'fits'],
    ['GitHub', 'github.com', 'fits'],
    ['github.com', 'github.com', 'fits'],
    ['AWS', 'amazon.com', 'fits'],
    ['Amazon Web Services', 'amazon.com', 'fits'],
    ['Amazon', 'amazon.de', 'fits'],
    ['Proton', 'proton.me', 'fits'],
    ['ProtonMail', 'proton.me', 'fits'],
    ['Proton AG', 'proton.me', 'fits'],
    ['  gItHuB  ', 'github.com', 'fits'],
    ['GitHub, Inc.', 'github.com', 'fits'],
    ['Evil Example', 'evil-example.com', 'fits'],
    ['Dropbox', 'getdropbox.com', 'fits'],
    ['Société Générale', 'societegenerale.fr', 'fits'],
    ['Twitter', 'x.com', 'fits'],
    ['localhost', 'localhost', 'fits'],
    // Mismatches: the look-alikes a phishing page would use.
    ['GitHub', 'evil-example.com', 'mismatch'],
    ['GitHub', 'githubsecurity.com', 'mismatch'],
    ['GitHub', 'github.io', 'mismatch'],
    ['GitHub', 'localhost', 'mismatch'],
    ['Google', 'evil.com', 'mismatch'],
    ['accounts.google.com', 'google.com.evil.io', 'mismatch'],
    ['PayPal', 'paypal-login.com', 'mismatch'],
    ['Microsoft', 'microsoft-support.com', 'mismatch'],
    ['AWS', 'aws-console.io', 'mismatch'],
    ['Proton', 'protonmail-secure.net', 'mismatch'],
    ['Amazon', 'amazon.evil.com', 'mismatch'],
    // A real service whose name is not its domain is warned about too: the price of being conservative.
    ['Ubiquiti', 'ui.com', 'mismatch'],
    // Nothing to compare: no issuer, punctuation only, or a site that is an IP address.
    ['', 'github.com', 'unknown'],
    ['   ', 'github.com', 'unknown'],
    ['—', 'github.com', 'unknown'],
    ['GitHub', '127.0.0.1', 'unknown'],
    ['GitHub', '::1', 'unknown'],
  ])('%j on %s: %s', (issuer, site, fit) => {
    expect(issuerFit(issuer, site)).toBe(fit);
  });
});

describe('suggestedSite', () => {
  it.each<[string, string | null, string | null]>([
    ['GitHub', null, 'github.com'],
    ['AWS', 'evil.com', 'amazon.com'],
    ['ProtonMail', null, 'proton.me'],
    ['accounts.example.org', null, 'example.org'],
    ['Example Corp', 'example.com', 'example.com'],
    ['Example Corp', 'evil.com', null],
    ['Mastodon', null, null],
    ['raspberrypi', '127.0.0.1', null],
    ['', 'github.com', null],
  ])('%j shown on %s → %s', (issuer, page, site) => {
    expect(suggestedSite(issuer, page)).toBe(site);
  });

  it('knows an issuer by its whole name or one of its words', () => {
    expect(knownIssuerSite('Amazon Web Services')).toBe('amazon.com');
    expect(knownIssuerSite('Meta')).toBe('facebook.com');
    expect(knownIssuerSite('Metamask')).toBeNull();
  });
});
