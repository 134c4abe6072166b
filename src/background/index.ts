/**
 * The service worker's entry: it only wires things together and registers listeners synchronously at
 * the top level, so a worker woken by an event has its listener in place (MV3 lifecycle).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { platformRandom } from '../core/vault/crypto';
import { AutoLock } from './auto-lock';
import { AutoBackup, CHANGE_ALARM, SCHEDULE_ALARM } from './backup/auto-backup';
import { chromeAlarms, chromeDownloads, localAutoBackupStore } from './backup/chrome-ports';
import { localBackupLog } from './backup-log';
import { chromeClipboardPort, CLIPBOARD_ALARM, clearDueCode } from './clipboard/clear';
import { applyPendingGrant, localGrantPort } from './pending-grant';
import { createHandlers } from './handlers';
import { chromeFillPort } from './fill/chrome-port';
import { createFillMenu, onFillCommand, onFillMenuClicked } from './fill/menus';
import { hasSiteAccess, syncInlineScript } from './fill/registration';
import { localSettingsStore } from './local-settings';
import { parseSettingsPatch } from './settings-store';
import { CLIPBOARD_GRANT, ICONS_GRANT } from '../shared/site-access';
import { chromeScanPort } from './scan/chrome-port';
import { createScanMenu, onScanCommand, onScanMenuClicked } from './scan/menus';
import { messageListener } from './router';
import { describeError, inBackground, logFailure } from './log';
import { showLocked } from './toolbar-icon';
import { reopeningDb } from './vault/db';
import { localAnchorStore } from './vault/local-anchor';
import { scrubIfOwed, scrubObsoleteValues } from './vault/scrub';
import { localScrubMark } from './vault/scrub-mark';
import { sessionKeyStore } from './vault/session-key';
import { sessionSnapshotStore } from './vault/session-snapshot';
import { Vault } from './vault/vault';
import { clearAllPending } from './scan/pending';
import { CODES_VIEW_ALARM, clearCodesView, codesViewChanged, publishProtection, refreshCodesViewIfLow, writeCodesView } from './codes-view';
import { announceVaultChanged } from '../shared/vault-events';
import { STARTUP_ITEMS } from '../shared/startup-items';

const IDLE_ALARM = 'twostep-idle-lock';
const THROTTLE_ALARM = 'twostep-throttle';
const LAST_USE = STARTUP_ITEMS.lastUse;
const STARTED = 'browserSessionStarted';

const db = reopeningDb();
const now = (): number => Date.now();

// After a first PIN, LevelDB is made to drop the old keys and records (vault/scrub.ts).
const scrubDeps = {
  idb: indexedDB,
  random: platformRandom,
  mark: localScrubMark,
  usage: async () => (await navigator.storage.estimate()).usage ?? 0,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
const logScrubFailure = (err: unknown): void => console.error('twostep: scrub failed', describeError(err));
const scrub = {
  owe: () => localScrubMark.set().catch(logScrubFailure),
  run: () => scrubObsoleteValues(scrubDeps).catch(logScrubFailure),
};
inBackground('scrub', () => scrubIfOwed(scrubDeps));

// Automatic backups follow the vault's writes (backup/auto-backup.ts); the vault is made first, so it calls through this.
let afterWrite: (what: 'accounts' | 'counter') => Promise<void> = () => Promise.resolve();
const vault = new Vault({ db, keys: sessionKeyStore, snapshots: sessionSnapshotStore, anchor: localAnchorStore, random: platformRandom, now, scrub, changed: (what) => afterWrite(what) });
const autoBackup = new AutoBackup({ vault, store: localAutoBackupStore, downloads: chromeDownloads, alarms: chromeAlarms, now, random: platformRandom });
const codesView = { vault, now };
afterWrite = async (what) => {
  inBackground('backup follow-up', () => autoBackup.vaultChanged(what));
  // The popup's codes view follows every change of the list, an HOTP counter included; the old one is
  // gone before the write's reply.
  await logFailure('codes view', () => codesViewChanged(codesView, (task) => inBackground('codes view', task)));
};
// After an unlock (and at worker start) a backup that fell due while locked is written.
const backupCatchUp = (): void => inBackground('automatic backup', () => autoBackup.catchUp());
const refreshIcon = async (): Promise<void> => showLocked(await vault.isLocked());
// Open pages that show secrets drop them when the vault locks (shared/vault-events.ts). Not awaited:
// a lock must never wait on a page's listener.
const vaultChanged = async (): Promise<void> => {
  const locked = await vault.isLocked();
  inBackground('vault events', () => announceVaultChanged(locked));
  // Unlocked: the popup's codes view is written now; locked: lockNow has removed it already.
  if (!locked) inBackground('codes view', () => writeCodesView(codesView));
  inBackground('protection flag', async () => publishProtection(await vault.pinKind()));
  await showLocked(locked);
};
const autoLock = new AutoLock({
  vault,
  settings: localSettingsStore,
  now,
  lastUse: {
    async load() {
      const value: unknown = (await browser.storage.session.get(LAST_USE))[LAST_USE];
      return typeof value === 'number' ? value : null;
    },
    save: (at) => browser.storage.session.set({ [LAST_USE]: at }),
    clear: () => browser.storage.session.remove(LAST_USE),
  },
  alarm: {
    at: async (when) => browser.alarms.create(IDLE_ALARM, { when }),
    cancel: async () => void (await browser.alarms.clear(IDLE_ALARM)),
  },
  // After a lock, scanned-but-unconfirmed accounts (with their secrets) go too, and the popup's codes view.
  forget: clearAllPending,
  dropCodesView: clearCodesView,
  changed: async () => {
    await vaultChanged();
    backupCatchUp();
  },
});
const handlers = createHandlers({
  vault,
  settings: localSettingsStore,
  autoLock,
  now,
  fill: chromeFillPort,
  scan: chromeScanPort,
  grants: localGrantPort,
  clipboard: chromeClipboardPort,
  backups: localBackupLog,
  autoBackup,
  codesView: { refreshIfLow: () => refreshCodesViewIfLow(codesView) },
});

/**
 * While a wrong-PIN wait runs, an alarm reads the throttle every 30 s (Chrome 120's shortest period),
 * so the wait is counted in observed time even when the worker stops between beats; a moved system
 * clock then cannot lift it (core/vault/throttle.ts). Runs at worker start and after each use of our
 * pages (a wrong PIN starts a wait); stops when no wait is left.
 */
async function throttleBeat(): Promise<void> {
  const { retryAt } = await vault.throttle();
  if (retryAt === null) await browser.alarms.clear(THROTTLE_ALARM);
  else if (!(await browser.alarms.get(THROTTLE_ALARM))) await browser.alarms.create(THROTTLE_ALARM, { periodInMinutes: 0.5 });
}
inBackground('throttle', throttleBeat);

// Checks the idle deadline, routes, records use; never rejects (see messageListener).
// Our pages' host: the id on Chrome, the profile's UUID on Firefox (router.ts, ExtensionSelf).
const ourselves = { id: browser.runtime.id, host: new URL(browser.runtime.getURL('/')).host };
const listen = messageListener(ourselves, handlers, {
  enforce: () => autoLock.enforce(),
  touch: async () => void (await Promise.all([autoLock.touch(), throttleBeat()])),
});
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => listen(message, sender));

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === IDLE_ALARM) inBackground('idle lock', () => autoLock.enforce());
  if (alarm.name === THROTTLE_ALARM) inBackground('throttle', throttleBeat);
  if (alarm.name === CLIPBOARD_ALARM) inBackground('clipboard', () => clearDueCode(now()));
  if (alarm.name === CODES_VIEW_ALARM) inBackground('codes view', refillCodesView);
  if (alarm.name === CHANGE_ALARM || alarm.name === SCHEDULE_ALARM) inBackground('automatic backup', () => autoBackup.alarm(alarm.name));
});

/**
 * The codes view runs low: written again while the popup was used in the last hour (each of our pages'
 * messages records a use), so an idle browser does not wake the worker every few minutes for nothing.
 * The idle deadline is checked first, so a vault due to lock is locked instead of refilled.
 */
async function refillCodesView(): Promise<void> {
  await autoLock.enforce();
  const last = await autoLock.deps.lastUse.load();
  if (last !== null && now() - last < 60 * 60_000) await writeCodesView(codesView);
}

// The operating system locked the screen: lock the vault too.
browser.idle.onStateChanged.addListener((state) => {
  if (state === 'locked') inBackground('screen lock', () => autoLock.lockNow());
});

/**
 * Once per browser session: set the icon, and open the unlock window if the user asked for it.
 * Chromium does not fire onStartup for an extension loaded with --load-extension (it fires
 * onInstalled instead), so both call this, and a flag in session storage (emptied when the browser
 * closes) makes it run once.
 */
async function atBrowserStart(): Promise<void> {
  await refreshIcon();
  // For the popup's unlock screen (codes-view.ts); after an update it may not have been written yet.
  await publishProtection(await vault.pinKind());
  if ((await browser.storage.session.get(STARTED))[STARTED] === true) return;
  await browser.storage.session.set({ [STARTED]: true });
  const { askOnStartup } = await localSettingsStore.get();
  if (askOnStartup && (await vault.isLocked())) {
    await browser.windows.create({ url: browser.runtime.getURL('src/popup/index.html?window=unlock'), type: 'popup', width: 380, height: 560 });
  }
}

browser.runtime.onStartup.addListener(() => inBackground('start', atBrowserStart));
browser.runtime.onInstalled.addListener(() => inBackground('start', atBrowserStart));

// QR enrolment (issue 4): the shortcut and the context-menu item start the picker in that tab.
browser.runtime.onInstalled.addListener(() => inBackground('scan menu', createScanMenu));
browser.contextMenus.onClicked.addListener(onScanMenuClicked);
browser.commands.onCommand.addListener(onScanCommand);

// Autofill (issue 5): the shortcut and the context-menu item fill the frame's own site's code; the inline
// button's content script is registered while the setting is on, and the setting follows site access.
const syncInlineButton = (): void => inBackground('inline button', () => localSettingsStore.get().then((s) => syncInlineScript(s.inlineButton)));
browser.runtime.onInstalled.addListener(() => {
  inBackground('fill menu', createFillMenu);
  syncInlineButton();
});
browser.contextMenus.onClicked.addListener(onFillMenuClicked);
browser.commands.onCommand.addListener(onFillCommand);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'settings' in changes) syncInlineButton();
});
// The downloads permission may be granted after the page that asked was closed: back up then.
browser.permissions.onAdded.addListener((added) => {
  if (added.permissions?.includes('downloads')) backupCatchUp();
});
browser.permissions.onRemoved.addListener(() => {
  inBackground('site access', () => hasSiteAccess().then((ok) => (ok ? undefined : localSettingsStore.set({ inlineButton: false }))));
  // Clipboard access or icons taken back in the browser's settings: the settings that needed them go off too.
  inBackground('permissions', async () => {
    const { clipboardClearSeconds, siteIcons } = await localSettingsStore.get();
    if (clipboardClearSeconds > 0 && !(await browser.permissions.contains(CLIPBOARD_GRANT))) await localSettingsStore.set({ clipboardClearSeconds: 0 });
    if (siteIcons && !(await browser.permissions.contains(ICONS_GRANT))) await localSettingsStore.set({ siteIcons: false });
  });
});
// A permission prompt closes the popup that opened it: the change it was for is finished here (pending-grant.ts).
browser.permissions.onAdded.addListener(() => {
  inBackground('grant', () => applyPendingGrant(localSettingsStore, now(), parseSettingsPatch));
});

// Content scripts must never read the vault key: keep session storage to trusted contexts (the default).
// (The polyfill's types predate setAccessLevel, hence the narrow cast.)
const session = browser.storage.session as { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
inBackground('session access level', async () => session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }));
inBackground('icon', refreshIcon);
backupCatchUp();
