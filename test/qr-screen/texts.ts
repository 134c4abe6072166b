/**
 * Enrolment texts as real sites put them in their QR codes: otpauth:// URIs (Key Uri Format) with a
 * label, a base32 secret of 10 to 32 bytes and the usual parameters, some with an image URL, some
 * with non-ASCII issuers written raw (UTF-8 bytes in the code) rather than percent-encoded.
 */
import { type Random, intBetween, pick } from './random';

const ISSUERS = [
  'GitHub', 'Google', 'Microsoft', 'Amazon Web Services', 'Dropbox', 'Bitwarden', 'Proton', 'Cloudflare', 'GitLab',
  'Discord', 'Coinbase', 'Kraken', 'Nextcloud', 'DigitalOcean', 'Fastmail', 'Hetzner Online', 'bol.com', 'Belastingdienst',
  'Mijn Overheid', 'npm', 'PyPI', 'Atlassian', 'Salesforce', 'Okta', 'Twitch', 'Epic Games',
];
/** Issuers a non-English site shows, written raw in about half of their codes. */
const NON_ASCII = ['Sparkasse Köln', 'Société Générale', 'Zürich Versicherung', 'Яндекс', 'さくらインターネット', 'Ålands Bank', 'Česká spořitelna', 'Øresund IT'];
const USERS = ['alice@example.com', 'bob.de.vries@example.nl', 'j.smith', 'marie-claire@exemple.fr', 'ops+2fa@corp.example', 'u1234567', 'Ada Lovelace'];

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function secret(random: Random): string {
  const chars = Math.ceil((pick(random, [10, 16, 20, 20, 20, 32]) * 8) / 5);
  let s = '';
  for (let i = 0; i < chars; i++) s += BASE32[Math.floor(random() * 32)];
  return s;
}

/** One enrolment text; `nonAscii` picks an issuer outside ASCII. */
export function enrolmentText(random: Random, nonAscii: boolean): string {
  const issuer = nonAscii ? pick(random, NON_ASCII) : pick(random, ISSUERS);
  const user = pick(random, USERS);
  const raw = nonAscii && random() < 0.5;
  const enc = (s: string): string => (raw ? s.replace(/[ :?&#%]/g, encodeURIComponent) : encodeURIComponent(s));
  const type = random() < 0.9 ? 'totp' : 'hotp';
  let uri = `otpauth://${type}/${enc(issuer)}:${enc(user)}?secret=${secret(random)}&issuer=${enc(issuer)}`;
  if (random() < 0.3) uri += `&algorithm=${pick(random, ['SHA1', 'SHA256', 'SHA512'])}`;
  if (random() < 0.3) uri += `&digits=${pick(random, [6, 8])}`;
  if (type === 'totp' && random() < 0.3) uri += `&period=${pick(random, [30, 60])}`;
  if (type === 'hotp') uri += `&counter=${intBetween(random, 0, 99)}`;
  if (random() < 0.12) uri += `&image=${encodeURIComponent(`https://cdn.example.com/logos/${issuer.length}/${intBetween(random, 1000, 9999)}.png`)}`;
  return uri;
}
