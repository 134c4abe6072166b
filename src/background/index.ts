/**
 * The service worker's entry: it only wires things together and registers listeners synchronously at
 * the top level, so a worker woken by a message has its listener in place (MV3 lifecycle).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { platformRandom } from '../core/vault/crypto';
import { createHandlers } from './handlers';
import { route } from './router';
import { localSettingsStore } from './local-settings';
import { openVaultDb, type VaultDb } from './vault/db';
import { sessionKeyStore } from './vault/session-key';
import { Vault } from './vault/vault';

let dbPromise: Promise<VaultDb> | null = null;
const db = (): Promise<VaultDb> => (dbPromise ??= openVaultDb());

const now = (): number => Date.now();
const vault = new Vault({ db, keys: sessionKeyStore, random: platformRandom, now });
const handlers = createHandlers({ vault, settings: localSettingsStore, now });

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender, browser.runtime.id, handlers));

// Content scripts must never read the vault key: keep session storage to trusted contexts (the default).
// (The polyfill's types predate setAccessLevel, hence the narrow cast.)
const session = browser.storage.session as { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
