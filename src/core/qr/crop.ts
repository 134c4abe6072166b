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
