/**
 * Twostep's mark for the in-page UI (the Fill button and the QR card), so a user knows what is asking
 * (issue 12). Drawn inline, never loaded: a web-accessible icon file would tell every page that Twostep
 * is installed. The shape is the toolbar icon's (scripts/make-icons.mjs): a blue rounded square with two
 * white steps.
 */
const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** The icon, decorative (the surrounding UI carries the name in words). */
export function brandIcon(size: number): SVGElement {
  const icon = svgEl('svg', { viewBox: '0 0 20 20', width: String(size), height: String(size), 'aria-hidden': 'true', focusable: 'false' });
  icon.append(
    svgEl('rect', { width: '20', height: '20', rx: '4', fill: '#2563eb' }),
    svgEl('rect', { x: '4', y: '11', width: '7', height: '4', fill: '#fff' }),
    svgEl('rect', { x: '9', y: '5', width: '7', height: '4', fill: '#fff' }),
  );
  return icon;
}

/** Icon and name in one line: `<span class="brand">`; style it with BRAND_CSS. */
export function brandLine(name: string, size = 16): HTMLElement {
  const line = document.createElement('span');
  line.className = 'brand';
  line.append(brandIcon(size), document.createTextNode(name));
  return line;
}

export const BRAND_CSS = '.brand{display:flex;align-items:center;gap:6px;font-weight:600;color:var(--muted)}.brand svg{flex:none}';
