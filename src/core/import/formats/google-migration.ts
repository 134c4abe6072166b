/**
 * Google Authenticator "Transfer accounts" links (`otpauth-migration://offline?data=...`), one batch
 * per link, read with the existing `parseMigrationUri`. That parser stops at the first bad account of
 * a batch; so that one unsupported account (MD5, say) does not hide the other nine, a batch that fails
 * on an account is re-read one account at a time, each re-wrapped as a one-account payload.
 */
import type { AccountInput } from '../../account';
import { TwostepError } from '../../errors';
import { parseMigrationUri } from '../../migration/google-auth';
import { readFields, readString } from '../../migration/protobuf';
import { base64 } from '../bytes';
import type { Collector } from '../collect';
import { entryLabel } from '../collect';

/** Codes that concern the whole link rather than one account in it. */
const WHOLE_LINK = new Set(['migration_malformed', 'migration_empty', 'uri_not_otpauth']);

/** Adds the accounts of one migration link to `collector`; `where` names the link for skipped entries. */
export function collectMigrationLink(link: string, where: string, collector: Collector): void {
  let accounts: AccountInput[];
  try {
    accounts = parseMigrationUri(link);
  } catch (error) {
    if (!(error instanceof TwostepError) || WHOLE_LINK.has(error.code)) {
      collector.add(where, () => {
        throw error;
      });
      return;
    }
    collectOneByOne(link, where, collector);
    return;
  }
  collector.add(where, () => accounts);
}

function collectOneByOne(link: string, where: string, collector: Collector): void {
  const data = /[?&]data=([^&#]*)/i.exec(link)?.[1] ?? '';
  let text: string;
  try {
    text = decodeURIComponent(data);
  } catch {
    collector.skip(where, 'migration_malformed');
    return;
  }
  let fields;
  try {
    // The same reading as parseMigrationUri: a space is a '+' a form decoder turned into one.
    fields = readFields(base64(text.replace(/ /g, '+'), 'migration_malformed'));
  } catch {
    collector.skip(where, 'migration_malformed');
    return;
  }
  let position = 0;
  for (const field of fields) {
    if (field.number !== 1 || field.wireType !== 2) {
      continue;
    }
    position++;
    const label = labelOf(field.bytes, `${where}, #${position}`);
    const single = Uint8Array.of(0x0a, ...varint(field.bytes.length), ...field.bytes);
    collector.add(label, () => parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...single)))}`));
  }
}

/** Where one link sits in a multi-QR export: MigrationPayload fields 3 (batch_size), 4 (batch_index), 5 (batch_id). */
export interface BatchPosition {
  id: bigint | undefined;
  index: number;
  size: number;
}

/** The link's batch fields, or undefined when the link cannot be read (it is then listed as skipped anyway). */
export function batchOf(link: string): BatchPosition | undefined {
  try {
    const data = /[?&]data=([^&#]*)/i.exec(link)?.[1] ?? '';
    const position: BatchPosition = { id: undefined, index: 0, size: 1 };
    for (const field of readFields(base64(decodeURIComponent(data).replace(/ /g, '+')))) {
      if (field.wireType !== 0) continue;
      if (field.number === 3) position.size = Number(field.varint & 0xffffn);
      if (field.number === 4) position.index = Number(field.varint & 0xffffn);
      if (field.number === 5) position.id = field.varint;
    }
    return position;
  } catch {
    return undefined;
  }
}

/**
 * Lists the QR codes of a multi-code export that are not in the text, one skipped entry each, so a
 * user who scanned "1 of 3" and "3 of 3" learns that "2 of 3" is missing. Links without a batch id
 * (some version 2 payloads) are grouped by their batch size.
 */
export function collectMissingBatches(batches: BatchPosition[], collector: Collector): void {
  const groups = new Map<string, { size: number; seen: Set<number> }>();
  for (const batch of batches) {
    if (batch.size <= 1 || batch.size > 100) continue;
    const key = batch.id === undefined ? `size ${batch.size}` : `id ${batch.id}`;
    const group = groups.get(key) ?? { size: batch.size, seen: new Set<number>() };
    group.seen.add(batch.index);
    groups.set(key, group);
  }
  for (const { size, seen } of groups.values()) {
    for (let index = 0; index < size; index++) {
      if (!seen.has(index)) {
        collector.skip(`Google Authenticator export, QR code ${index + 1} of ${size}`, 'migration_batch_missing');
      }
    }
  }
}

function labelOf(message: Uint8Array, fallback: string): string {
  try {
    let name = '';
    let issuer = '';
    for (const field of readFields(message)) {
      if (field.number === 2 && field.wireType === 2) name = readString(field.bytes);
      if (field.number === 3 && field.wireType === 2) issuer = readString(field.bytes);
    }
    return name === '' && issuer === '' ? fallback : entryLabel(issuer, name, 0);
  } catch {
    return fallback;
  }
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
