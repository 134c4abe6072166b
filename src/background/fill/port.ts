/**
 * What the fill handlers need from the browser, as an interface: the handlers stay testable in node,
 * and the one implementation (`chrome-port.ts`) is wired in by the worker's entry.
 */

/** One frame of one tab, as the browser identifies it. */
export interface FrameRef {
  tabId: number;
  frameId: number;
  /** The document in that frame (Chrome 106+); a frame that navigated since holds another one. */
  documentId: string | null;
}

/** One value in `storage.session`: it survives a stopped worker, not a closed browser. */
export interface SessionValue {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

/** Why a frame did not fill: no code field, no account for its site, locked, several to choose from, not visible. */
export type NotFilled = 'no_field' | 'site' | 'locked' | 'choose' | 'hidden' | 'failed';

/** What one frame's fill script reports back. */
export interface FrameOutcome {
  filled: boolean;
  reason?: NotFilled;
  /** The host name of the frame that was filled, for "Filled on …". */
  host?: string;
}

/** A web tab, with its URL when the extension may see it (activeTab or host access). */
export interface WebTab {
  id: number;
  url: string | null;
}

export interface FillPort {
  /** The web tab the popup acts on. */
  activeTab(): Promise<WebTab | null>;
  /** The title and top headings of the tab's top frame, for the look-alike check. */
  pageText(tabId: number): Promise<string>;
  /**
   * Injects the fill script into the tab's frames (all it may reach, or `frameIds`) and asks each to
   * fill the account `id`, or, for null, whatever belongs to its own site.
   */
  fillTab(tabId: number, id: string | null, frameIds?: number[]): Promise<FrameOutcome[]>;
  /** Opens the unlock window, remembering which frame to fill once the vault opens. */
  unlockThenFill(frame: FrameRef): Promise<void>;
  /** After a successful unlock: tells the waiting frames, if any, to fill now. */
  afterUnlock(): Promise<void>;
  /** The recent HOTP advances per account (see hotp-limit.ts). */
  hotpUses: SessionValue;
}
