/**
 * `npm run bench`: every figure the issues ask for, printed as plain lines. Nothing is asserted;
 * the machine's load moves these numbers, so compare runs on the same machine.
 */
import { execFileSync } from 'node:child_process';
import { benchImport } from './import';
import { benchPopup } from './popup';
import { benchUnlock } from './unlock';

const section = (title: string) => console.log(`\n## ${title}`);

section('Popup (issue 2)');
for (const line of await benchPopup()) console.log(line);

section('Import on the full-tab page (issue 9)');
for (const line of await benchImport()) console.log(line);

section('Unlock (issue 3)');
for (const line of await benchUnlock()) console.log(line);

// The other benches are separate scripts, run here one after another so one command prints everything.
for (const [title, script] of [
  ['QR decoding in node (issue 4)', 'bench/qr.ts'],
  ['QR enrolment in the extension (issue 4)', 'bench/scan.ts'],
  ['OTP field detection (issue 5)', 'bench/field-detect.ts'],
  ['OTP field pages: precision and recall, shared and own (issue 10)', 'bench/field-pages.ts'],
  ['Content script sizes (issue 5)', 'bench/autofill.ts'],
  ['Backup and restore (issue 9)', 'bench/backup.ts'],
] as const) {
  section(title);
  execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
}
