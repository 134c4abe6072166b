/**
 * The one message protocol between the extension's contexts. Closed on purpose: no index signature,
 * so a misspelt method or a wrong argument fails to compile. Each method says which senders may call
 * it; the router in the background enforces that before any handler runs.
 */
import type { AccountInput, AccountMeta } from '../core/account';
import type { AutoBackupSettings } from '../core/auto-backup/policy';
import type { ErrorCode, ErrorInfo } from '../core/errors';
import type { SecretKind } from '../core/pin-policy';
import type { Unbound } from '../core/qr/enrolment';

/** Who sent a message: one of our extension pages (popup, options), or a content script in a tab. */
export type SenderKind = 'extension' | 'content';

/** The codes of one account at one moment. Codes only: never the secret. */
export interface CodeView {
  /** Code to show now. */
  code: string;
  /** TOTP/Steam: the code of the next period, so the popup can switch on the boundary without a round trip. */
  next: string | null;
  /** Epoch ms when `code` became valid (TOTP/Steam) or when it was generated (HOTP). */
  validFrom: number;
  /** Epoch ms when `code` stops being valid; null for HOTP, whose codes do not expire. */
  validUntil: number | null;
}

export interface AccountView extends AccountMeta {
  codes: CodeView;
}

export interface VaultState {
  /** False while the vault key is available to the worker. */
  locked: boolean;
  /** How the vault is protected: null when it opens with the device key alone. */
  protection: SecretKind | null;
  /** Accounts and damaged records are only known while unlocked (0 while locked). */
  accountCount: number;
  /** Records that exist but could not be read (tampered or corrupted); kept, never deleted. */
  damaged: number;
  /**
   * The vault on disk is older than, or not, what Twostep last wrote (an older header or copy of the
   * vault written back, records removed). Warned about, never a reason to refuse the user's own data.
   */
  rolledBack: boolean;
  /** Wrong PIN tries since the last success. */
  failures: number;
  /** Epoch ms before which no PIN try is accepted; null when a try is allowed now. */
  retryAt: number | null;
}

export interface Settings {
  /** Show codes as dots until the user hovers or focuses them. */
  hideCodes: boolean;
  /** Lock after this many minutes without use (only with a PIN); 0 never. */
  autoLockMinutes: number;
  /** Open a small unlock window when the browser starts (only with a PIN). */
  askOnStartup: boolean;
  /** The user declined the "protect with a PIN" suggestion: never show it again. */
  pinNudgeDismissed: boolean;
  /** Show the inline "Fill code" button beside code fields (needs access to sites, asked for when turned on). */
  inlineButton: boolean;
  /** Fill without asking when exactly one account belongs to the site. */
  autoFill: boolean;
  /** After a fill from the popup, keep it open (it closes by default: the code is where it belongs). */
  keepPopupOpen: boolean;
  /** Clear a copied code from the clipboard after this many seconds, if it is still there; 0 never (needs clipboard access). */
  clipboardClearSeconds: number;
  /** Show the sites' icons from the browser's favicon cache (needs the favicon permission). */
  siteIcons: boolean;
}

/** Automatic backups as the page shows them (nothing secret). */
export interface AutoBackupStatus extends AutoBackupSettings {
  /** A backup password is set (its key is sealed under the vault key). */
  hasKey: boolean;
  /** The optional `downloads` permission is granted. */
  permitted: boolean;
  /** When the last automatic backup was written (epoch ms). */
  lastAt: number | null;
  /** Why the last attempt failed; null after a success. */
  lastError: ErrorCode | null;
  /** A backup fell due while the vault was locked; it is written at the next unlock. */
  waiting: boolean;
  /** The folder inside the browser's download directory. */
  folder: string;
}

/** Turning automatic backups on needs a password (and the PIN as `secret` when one is set); changing how they run does not. */
export interface AutoBackupChange extends AutoBackupSettings {
  password: string | null;
  secret: string | null;
}

/** Fields of an account a user may change after it was added. Secret and kind are fixed by design. */
/** What the edit view may change. Never the secret; kind and parameters only behind a confirming step (issue 12). */
export type AccountPatch = Partial<Pick<AccountInput, 'issuer' | 'name' | 'sites' | 'kind' | 'algorithm' | 'digits' | 'period'>>;

/** What a content script learns about its frame's site: account names only, never a code or secret. */
export interface FillCandidates {
  locked: boolean;
  /** The frame's registrable domain, from the browser's record of the sender. */
  site: string | null;
  /** Accounts bound to this site (or to a site that shares its sign-in). */
  accounts: { id: string; issuer: string; name: string }[];
  /**
   * This frame may fill without a click: the user chose that, exactly one TOTP/Steam account belongs
   * here, and the frame is the top page or of the top page's site. (No look-alike verdict: a page must
   * not learn from our behaviour which issuers the user has; that warning lives in the popup.)
   */
  autoFill: boolean;
}

/** The active tab as the popup needs it to offer filling and to warn about look-alikes. */
export interface TabContext {
  site: string | null;
  /** The tab's address when accounts match it, for its icon from the browser's favicon cache (exact page match only). */
  pageUrl: string | null;
  /** Ids of accounts whose codes may be filled in this tab. */
  matching: string[];
  lookalike: { issuer: string; site: string } | null;
}

/** A QR code read from the page, before the user confirms it. Never the secret. */
export interface ScanPreview {
  /** Accounts the code holds: one for otpauth://, one or more for a Google transfer code. */
  accounts: (Pick<AccountInput, 'kind' | 'issuer' | 'name' | 'algorithm' | 'digits' | 'period'> & {
    /** A site the user may tick to bind this account to (transfer codes only). */
    suggestedSite: string | null;
  })[];
  /** The registrable domain the accounts will be bound to. */
  site: string | null;
  /** Why `site` is null on a page that has one (another site's frame, plain http, a transfer code). */
  unbound: Unbound | null;
  /** The code's issuer does not fit `site`: shown as a warning the user must confirm. */
  mismatch: { issuer: string; site: string } | null;
  /** How many of them are already in the vault (same secret); they will not be added twice. */
  duplicates: number;
  /** The one account, already stored and bound to `site`: the picker offers to fill its code instead. */
  existingId: string | null;
}

/** A box in the page's CSS pixels, relative to the top-level viewport. */
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Method<Arg, Result, From extends SenderKind = 'extension'> {
  arg: Arg;
  result: Result;
  from: From;
}

export interface Protocol {
  'vault.state': Method<null, VaultState>;
  'accounts.list': Method<null, AccountView[]>;
  'accounts.add': Method<{ input: AccountInput }, AccountView>;
  'accounts.addUri': Method<{ uri: string; site: string | null }, AccountView>;
  /** A Google Authenticator transfer link pasted into the add form: every account in it, none bound to a site. */
  'accounts.addMigration': Method<{ uri: string }, { added: AccountView[]; duplicates: number }>;
  /**
   * Import page: which inputs are already in the vault (same secret, same kind), one flag each, so the
   * preview can untick them. Answers with flags only: no stored secret ever reaches the page.
   */
  'accounts.importCheck': Method<{ inputs: AccountInput[] }, { duplicate: boolean[] }>;
  /** Import page: adds the ticked accounts in one vault transaction; already stored ones are counted, not added. */
  'accounts.import': Method<{ inputs: AccountInput[] }, { added: number; duplicates: number }>;
  'accounts.update': Method<{ id: string; patch: AccountPatch }, AccountView>;
  'accounts.remove': Method<{ id: string }, null>;
  'accounts.hotpNext': Method<{ id: string }, AccountView>;
  /**
   * The account as an otpauth:// URI, for an edit or export view the user opened on purpose. With a
   * PIN or passphrase set, `secret` must be it (checked and throttled as for unlocking).
   */
  'accounts.reveal': Method<{ id: string; secret: string | null }, { uri: string }>;
  /**
   * The export page: these accounts (all when `ids` is null) with their secrets, for transfer codes and
   * plain files. The PIN or passphrase is checked as for `accounts.reveal`.
   */
  'accounts.export': Method<{ ids: string[] | null; secret: string | null }, { accounts: AccountInput[] }>;
  'vault.unlock': Method<{ secret: string }, VaultState>;
  'vault.lock': Method<null, VaultState>;
  /** Sets or changes the PIN or passphrase; `current` is required when one is set. */
  'vault.setPin': Method<{ next: string; kind: SecretKind; current: string | null }, VaultState>;
  'vault.removePin': Method<{ current: string }, VaultState>;
  /** Popup: the active tab's site, the accounts that may fill there, and any look-alike warning. */
  'tab.context': Method<null, TabContext>;
  /** Popup: fill the account's code into the active tab (the site check happens as for any fill). */
  /** `host`: the host name of the frame that received the code, so the popup can say where it went. */
  'fill.inTab': Method<{ id: string }, { filled: boolean; host: string | null }>;
  /** Content script: which accounts belong to this frame's site. */
  'fill.candidates': Method<null, FillCandidates, 'content'>;
  /**
   * Content script: the current code of one account bound to this frame's site (HOTP advances).
   * `asked`: a person asked (a click on our button, popup, shortcut, menu); false for a fill without asking,
   * which the worker allows only where `FillCandidates.autoFill` would.
   */
  'fill.code': Method<{ id: string; asked: boolean }, { code: string }, 'content'>;
  /** Content script: the vault is locked; open the unlock window and fill this frame afterwards. */
  'fill.unlock': Method<null, null, 'content'>;
  /** Popup: start picking a QR code on the active tab. */
  'scan.start': Method<null, null>;
  /**
   * Content script: the user clicked this box; read the QR code in it (whole tab if `rect` is null).
   * `devicePixelRatio` maps the box's CSS px onto the capture's device pixels. `foreignFrames`: whether
   * a frame whose document the picker cannot read (another site's) was painted over the box with the
   * crop's margin, and anywhere in the viewport; a code read there is not bound to the top page's site.
   */
  'scan.pick': Method<{ rect: PageRect | null; devicePixelRatio: number; foreignFrames: { inBox: boolean; inView: boolean } }, ScanPreview, 'content'>;
  /**
   * Content script: the user confirmed the preview, perhaps renaming a single account. `trustMismatch`:
   * the user ticked "I trust this page" under an issuer warning; `bindSuggested[i]`: bind account i to
   * its suggested site.
   */
  'scan.confirm': Method<
    { issuer: string | null; name: string | null; trustMismatch: boolean; bindSuggested: boolean[] },
    { added: number; duplicates: number; ids: string[] },
    'content'
  >;
  'scan.cancel': Method<null, null, 'content'>;
  'settings.get': Method<null, Settings>;
  'settings.set': Method<Partial<Settings>, Settings>;
  'autoBackup.get': Method<null, AutoBackupStatus>;
  'autoBackup.set': Method<AutoBackupChange, AutoBackupStatus>;
  /** Writes an automatic backup now (with the stored key); rejects with why it could not. */
  'autoBackup.runNow': Method<null, AutoBackupStatus>;
  /** Popup: whether to show the quiet "not backed up since the last change" line. */
  'backupReminder.get': Method<null, { due: boolean }>;
  /** Popup: hide that line until the next change. */
  'backupReminder.dismiss': Method<null, null>;
  /**
   * The page is about to ask the browser for a permission this change needs: the worker applies the
   * change when the grant arrives (permissions.onAdded), even if the prompt closed the page meanwhile.
   */
  'settings.afterGrant': Method<Partial<Settings>, null>;
  /** Popup: this code was just copied; clear it from the clipboard later if it is still there (per the setting). */
  'clipboard.copied': Method<{ code: string }, null>;
  /**
   * The full-tab page: every account sealed in an encrypted backup under `password` (Argon2id +
   * AES-256-GCM, docs/backup-format.md). With a PIN or passphrase set, `secret` must be it (checked and
   * throttled as for unlocking). `file` is the file's JSON text, `name` the suggested file name.
   */
  'backup.create': Method<{ password: string; secret: string | null }, { file: string; name: string; count: number }>;
}

export type MethodName = keyof Protocol;
export type ArgOf<M extends MethodName> = Protocol[M]['arg'];
export type ResultOf<M extends MethodName> = Protocol[M]['result'];
export type SendersOf<M extends MethodName> = Protocol[M]['from'];

/** A message on the wire. `twostep: 1` marks it as ours; anything without it is ignored. */
export interface Envelope<M extends MethodName = MethodName> {
  twostep: 1;
  method: M;
  arg: ArgOf<M>;
}

export interface WireError {
  code: ErrorCode;
  detail?: string;
  info?: ErrorInfo;
}

/** Replies carry errors as data, so they survive structured cloning and are typed at the caller. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: WireError };
