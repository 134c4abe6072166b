/** Saves text as a file through the browser's ordinary download (no permission needed for a page). */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The blob holds the secrets: release it once the download has had time to start reading it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "2026-12-01", the local date, for file names. */
export function today(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
