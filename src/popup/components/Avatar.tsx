import { useEffect, useState } from 'preact/hooks';
import { faviconUrl, hasIcon, knownIcons } from '../favicon';

interface Props {
  /** The account's name as shown: its first letter is the avatar when no icon is known. */
  label: string;
  /** The page whose cached icon to show; null when icons are off or the account has no site. */
  pageUrl: string | null;
}

/** The site's icon from the browser's cache, or the account's first letter in a circle. */
export function Avatar({ label, pageUrl }: Props) {
  const [icon, setIcon] = useState(pageUrl ? (knownIcons.get(pageUrl) ?? false) : false);
  useEffect(() => {
    let live = true;
    if (pageUrl) void hasIcon(pageUrl).then((ok) => live && setIcon(ok));
    else setIcon(false);
    return () => {
      live = false;
    };
  }, [pageUrl]);
  const letter = Array.from(label.trim())[0]?.toUpperCase() ?? '?';
  return (
    // The letter is drawn by CSS (::before), like an icon: as text it would be part of the row's visible
    // label, and the row's spoken name would have to start with a stray "G" (axe: label-content-name-mismatch).
    <span class="avatar" aria-hidden="true" data-testid="avatar" data-icon={icon ? 'site' : 'letter'} data-letter={icon && pageUrl ? undefined : letter}>
      {icon && pageUrl ? <img src={faviconUrl(pageUrl)} alt="" width={20} height={20} /> : null}
    </span>
  );
}
