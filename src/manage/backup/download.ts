/** Saves text as a file through the browser's own download, from a Blob URL the page revokes afterwards. */
export function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; a later revoke frees the Blob without cutting it short.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
