/** The one message between the worker and its offscreen clipboard document (not part of the page protocol). */
export const OFFSCREEN_PATH = 'src/offscreen/index.html';

export interface OffscreenRequest {
  twostepOffscreen: 1;
  /** Clear the clipboard if it holds exactly this. */
  clearIf: string;
}

export interface OffscreenReply {
  /** False when the clipboard held something else (left alone) or could not be read. */
  cleared: boolean;
}
