/**
 * The region around a picked element that a scan reads. Its own file because both the worker and the
 * in-page picker use it, and the picker must stay small (nothing here imports anything).
 */

/**
 * How far around a picked box the worker's crop reaches, in CSS px: a canvas or SVG drawn without a
 * quiet zone needs the page's background around it for the finder search (ISO/IEC 18004 asks for 4
 * modules). The picker watches frames over the same region, so both agree on what was read.
 */
export function cropMargin(rect: { width: number; height: number }): number {
  return Math.max(8, 0.1 * Math.max(rect.width, rect.height));
}

/** A box in capture (device) pixels. */
export interface DeviceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The element's box (top-level viewport CSS px) with its margin, in capture pixels at `dpr`, clipped to
 * a `width`×`height` capture; null when nothing is left. Shared by the decoder and the test set, so
 * both crop the same pixels.
 */
export function deviceBox(rect: DeviceBox, dpr: number, width: number, height: number): DeviceBox | null {
  const margin = cropMargin(rect);
  const x0 = Math.max(0, Math.floor((rect.x - margin) * dpr));
  const y0 = Math.max(0, Math.floor((rect.y - margin) * dpr));
  const x1 = Math.min(width, Math.ceil((rect.x + rect.width + margin) * dpr));
  const y1 = Math.min(height, Math.ceil((rect.y + rect.height + margin) * dpr));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
