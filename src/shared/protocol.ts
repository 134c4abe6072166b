/**
 * The one message protocol between the extension's contexts. Closed on purpose: no index signature,
 * so a misspelt method or a wrong argument fails to compile. Each method says which senders may call
 * it; the router in the background enforces that before any handler runs.
 */
import type { AccountInput, AccountMeta } from '../core/account';
import type { ErrorCode, ErrorInfo } from '../core/errors';
import type { SecretKind } from '../core/pin-policy';

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
}

/** Fields of an account a user may change after it was added. Secret and kind are fixed by design. */
export type AccountPatch = Partial<Pick<AccountInput, 'issuer' | 'name' | 'sites'>>;

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
  'accounts.update': Method<{ id: string; patch: AccountPatch }, AccountView>;
  'accounts.remove': Method<{ id: string }, null>;
  'accounts.hotpNext': Method<{ id: string }, AccountView>;
  /** The account as an otpauth:// URI, for an edit or export view the user opened on purpose. */
  'accounts.reveal': Method<{ id: string }, { uri: string }>;
  'vault.unlock': Method<{ secret: string }, VaultState>;
  'vault.lock': Method<null, VaultState>;
  /** Sets or changes the PIN or passphrase; `current` is required when one is set. */
  'vault.setPin': Method<{ next: string; kind: SecretKind; current: string | null }, VaultState>;
  'vault.removePin': Method<{ current: string }, VaultState>;
  'settings.get': Method<null, Settings>;
  'settings.set': Method<Partial<Settings>, Settings>;
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
