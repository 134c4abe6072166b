/**
 * Text with one link per line: otpauth:// URIs (Aegis, Ente Auth, Stratum and 2FAS plain-text
 * exports, the Authenticator-Extension's "one URI per line" export) and Google Authenticator
 * otpauth-migration:// links, in any mix. Blank lines and `#` comments (scito/extract_otp_secrets'
 * files) are ignored; any other line is listed as skipped. Extra parameters such as Ente's
 * `codeDisplay` are ignored by `parseOtpauthUri`.
 */
import { parseOtpauthUri } from '../../otpauth-uri';
import { Collector } from '../collect';
import type { ImportFormat } from '../types';
import type { BatchPosition } from './google-migration';
import { batchOf, collectMigrationLink, collectMissingBatches } from './google-migration';

const isOtpauth = (line: string): boolean => /^otpauth:\/\//i.test(line);
const isMigration = (line: string): boolean => /otpauth-migration:\/\//i.test(line);

function lines(text: string): string[] {
  return text.split(/\r?\n|\r/).map((line) => line.trim());
}

/** Text of otpauth:// and otpauth-migration:// links. */
export const otpauthList: ImportFormat = {
  id: 'otpauth-list',
  detect: (source) => source.text !== undefined && source.json === undefined && lines(source.text).some((l) => isOtpauth(l) || isMigration(l)),
  read(source) {
    const collector = new Collector(this.id);
    const batches: BatchPosition[] = [];
    lines(source.text ?? '').forEach((line, index) => {
      const where = `line ${index + 1}`;
      if (line === '' || line.startsWith('#')) {
        return;
      }
      if (isMigration(line)) {
        collectMigrationLink(line, where, collector);
        const batch = batchOf(line);
        if (batch !== undefined) batches.push(batch);
      } else if (isOtpauth(line)) {
        // The label is read before the secret, so an error names the account, not the line's secret.
        collector.add(labelOfUri(line, where), () => parseOtpauthUri(line));
      } else {
        // A line that is not a link is listed by number only: it could be a bare secret.
        collector.skip(where, 'uri_not_otpauth');
      }
    });
    collectMissingBatches(batches, collector);
    return Promise.resolve(collector.result());
  },
};

/** "Issuer: name" from a URI's label, for the skipped list; the position when it cannot be read. */
export function labelOfUri(uri: string, fallback: string): string {
  const label = /^otpauth:\/\/[^/?#]*\/([^?#]*)/i.exec(uri)?.[1];
  if (label === undefined || label === '') {
    return fallback;
  }
  try {
    return decodeURIComponent(label).slice(0, 80);
  } catch {
    return fallback;
  }
}
