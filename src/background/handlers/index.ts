/** Every method of the protocol, each with its handler; the mapped type makes a missing one a compile error. */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { accountsAdd } from './accounts-add';
import { accountsAddMigration, accountsAddUri } from './accounts-add-uri';
import { accountsExport } from './accounts-export';
import { accountsHotpNext } from './accounts-hotp-next';
import { accountsImport, accountsImportCheck } from './accounts-import';
import { accountsList } from './accounts-list';
import { accountsRemove } from './accounts-remove';
import { accountsReveal } from './accounts-reveal';
import { accountsUpdate } from './accounts-update';
import { autoBackupGet, autoBackupRunNow, autoBackupSet, backupReminderDismiss, backupReminderGet } from './auto-backup';
import { backupCreate } from './backup-create';
import { fillCandidates, fillCode, fillInTab, fillUnlock, tabContext } from './fill';
import { scanCancel, scanConfirm, scanPick, scanStart } from './scan';
import { clipboardCopied } from './clipboard';
import { settingsAfterGrant, settingsGet, settingsSet } from './settings';
import { vaultLock, vaultRemovePin, vaultSetPin, vaultUnlock } from './vault-lock';
import { vaultState } from './vault-state';

export function createHandlers(services: Services): Handlers {
  return {
    'vault.state': vaultState(services),
    'accounts.list': accountsList(services),
    'accounts.add': accountsAdd(services),
    'accounts.addUri': accountsAddUri(services),
    'accounts.addMigration': accountsAddMigration(services),
    'accounts.importCheck': accountsImportCheck(services),
    'accounts.import': accountsImport(services),
    'accounts.update': accountsUpdate(services),
    'accounts.remove': accountsRemove(services),
    'accounts.hotpNext': accountsHotpNext(services),
    'accounts.reveal': accountsReveal(services),
    'accounts.export': accountsExport(services),
    'vault.unlock': vaultUnlock(services),
    'vault.lock': vaultLock(services),
    'vault.setPin': vaultSetPin(services),
    'vault.removePin': vaultRemovePin(services),
    'tab.context': tabContext(services),
    'fill.inTab': fillInTab(services),
    'fill.candidates': fillCandidates(services),
    'fill.code': fillCode(services),
    'fill.unlock': fillUnlock(services),
    'scan.start': scanStart(services),
    'scan.pick': scanPick(services),
    'scan.confirm': scanConfirm(services),
    'scan.cancel': scanCancel(services),
    'settings.get': settingsGet(services),
    'settings.set': settingsSet(services),
    'settings.afterGrant': settingsAfterGrant(services),
    'clipboard.copied': clipboardCopied(services),
    'autoBackup.get': autoBackupGet(services),
    'autoBackup.set': autoBackupSet(services),
    'autoBackup.runNow': autoBackupRunNow(services),
    'backupReminder.get': backupReminderGet(services),
    'backupReminder.dismiss': backupReminderDismiss(services),
    'backup.create': backupCreate(services),
  };
}
