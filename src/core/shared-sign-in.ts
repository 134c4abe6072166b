/**
 * Groups of registrable domains that share one account and sign-in, so a code for an account bound to
 * one may be filled on the others. No npm package carries such a list. The groups are the entries of
 * Apple's password-manager-resources `quirks/websites-with-shared-credential-backends.json` for
 * services that offer authenticator-app codes (groups that share a domain merged, as the file's
 * "live.com" entries ask), plus one documented addition each:
 * - microsoftonline.com: Microsoft's own sign-in host for work and school accounts (login.microsoftonline.com).
 * Keep it small; every group is covered by a test, and an addition needs a source.
 */
export const SHARED_SIGN_IN: readonly (readonly string[])[] = [
  ['microsoft.com', 'live.com', 'skype.com', 'microsoftonline.com'],
  ['apple.com', 'icloud.com'],
  ['amazon.com', 'amazon.com.au', 'amazon.com.br', 'amazon.ca', 'amazon.cn', 'amazon.fr', 'amazon.de', 'amazon.in', 'amazon.it', 'amazon.com.mx', 'amazon.nl', 'amazon.es', 'amazon.com.tr', 'amazon.co.uk'],
  ['facebook.com', 'messenger.com'],
  ['dropbox.com', 'getdropbox.com'],
  ['steampowered.com', 'steamcommunity.com'],
  ['stackoverflow.com', 'askubuntu.com', 'serverfault.com', 'stackexchange.com', 'superuser.com'],
  ['ebay.at', 'ebay.be', 'ebay.ca', 'ebay.ch', 'ebay.co.uk', 'ebay.com', 'ebay.com.au', 'ebay.de', 'ebay.es', 'ebay.fr', 'ebay.ie', 'ebay.it', 'ebay.nl', 'ebay.pl'],
  ['yahoo.com', 'flickr.com'],
  ['intuit.com', 'mint.com'],
  ['square.com', 'squareup.com'],
];
