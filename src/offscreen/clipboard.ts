/**
 * Clearing the clipboard from the offscreen document (reason CLIPBOARD): a worker has no clipboard,
 * and this page has no focus, so `navigator.clipboard` refuses here; `execCommand('paste'/'copy')`
 * works with the clipboardRead/clipboardWrite permissions. Only "clear if it is still X".
 */
const box = document.getElementById('clip') as HTMLTextAreaElement;

function read(): string | null {
  box.value = '';
  box.focus();
  return document.execCommand('paste') ? box.value : null;
}

function clear(): boolean {
  // An empty selection copies nothing, so the copy event writes the empty text itself.
  const onCopy = (e: ClipboardEvent): void => {
    e.clipboardData?.setData('text/plain', '');
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

/** Clears the clipboard if it holds exactly `code`; true when it did. */
export function clearIf(code: string): boolean {
  const held = read();
  const cleared = held === code && clear();
  box.value = '';
  return cleared;
}
