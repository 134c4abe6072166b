/**
 * Duo Mobile's third-party accounts (`accounts.json`, read by Aegis's DuoImporter): an array of
 * `{name, otpGenerator: {otpSecret, counter?}}`; a counter means HOTP. Duo stores no algorithm,
 * digits or period, so the Key URI Format defaults (SHA-1, 6, 30 s) apply, and no issuer.
 */
import { Collector, entryLabel } from '../collect';
import { isRecord, optNumber, optString, record } from '../json';
import type { ImportFormat } from '../types';
import { toAccount } from './common';

/** Duo Mobile accounts.json. */
export const duo: ImportFormat = {
  id: 'duo',
  detect: (source) => Array.isArray(source.json) && source.json.length > 0 && source.json.every((e) => isRecord(e) && isRecord(e.otpGenerator)),
  read(source) {
    const collector = new Collector(this.id);
    (source.json as unknown[]).forEach((raw, index) => {
      const entry = isRecord(raw) ? raw : {};
      const name = optString(entry.name, 'name') ?? '';
      collector.add(entryLabel('', name, index + 1), () => {
        const generator = record(entry.otpGenerator, 'otpGenerator');
        const counter = optNumber(generator.counter, 'counter');
        return toAccount({ kind: counter === undefined ? 'totp' : 'hotp', issuer: '', name, secret: optString(generator.otpSecret, 'otpSecret'), counter });
      });
    });
    return Promise.resolve(collector.result());
  },
};
