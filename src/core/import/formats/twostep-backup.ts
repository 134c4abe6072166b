/**
 * Twostep's own encrypted backup (src/core/backup, docs/backup-format.md): restore is an import, so a
 * backup goes through the same preview, duplicate check and atomic write as any other file. Recognised
 * by its first field even when the file was cut short, so a damaged backup says so instead of
 * "unknown format". The dates a backup keeps are not part of an import (`AccountInput`): restored
 * accounts count as added on the day of the restore.
 */
import { TwostepError } from '../../errors';
import { parseAccountInput } from '../../account-input';
import { decryptBackup, deriveBackupKey, looksLikeBackup, parseBackupFile } from '../../backup';
import { Collector, entryLabel } from '../collect';
import { isRecord } from '../json';
import type { ImportFormat } from '../types';

export const twostepBackup: ImportFormat = {
  id: 'twostep-backup',
  detect: (source) => (isRecord(source.json) && source.json.format === 'twostep-backup') || looksLikeBackup(source.text),
  async read(source, context) {
    if (source.json === undefined) {
      throw new TwostepError('backup_damaged', 'json');
    }
    const file = parseBackupFile(source.json);
    if (context.password === undefined) {
      return { kind: 'password_needed', format: this.id };
    }
    const key = await deriveBackupKey(context.password, file.header.kdf, (...args) => context.kdf.argon2id(...args));
    const collector = new Collector(this.id);
    (await decryptBackup(file, key)).forEach((raw, index) => {
      const entry = isRecord(raw) ? raw : {};
      collector.add(entryLabel(entry.issuer, entry.name, index + 1), () => parseAccountInput(raw));
    });
    return collector.result();
  },
};
