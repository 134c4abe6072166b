/**
 * What the fill handlers need from the browser, as an interface: the handlers stay testable in node,
 * and the one implementation (`chrome-port.ts`) is wired in by the worker's entry.
 */

/** One frame of one tab, as the browser identifies it. */
export interface FrameRef {
  tabId: number;
  frameId: number;
}

/** Why a frame did not fill: no code field, no account for its site, a look-alike, locked, several to choose from. */
export type NotFilled = 'no_field' | 'site' | 'lookalike' | 'locked' | 'choose' | 'failed';

/** What one frame's fill script reports back. */
export interface FrameOutcome {
  filled: boolean;
  reason?: NotFilled;
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
  /** After a successful unlock: tells the waiting frame, if any, to fill now. */
  afterUnlock(): Promise<void>;
}
