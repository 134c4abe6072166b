/**
 * Painting a QR matrix the ways pages do: square modules drawn as one path, square modules filled one
 * by one (seams at fractional positions), rounded modules joined to their neighbours, dots; finder
 * patterns square, round (two rings and a dot) or rounded.
 */
import type { RgbaImage } from '../../src/core/qr/image';
import { inFinder, type Matrix } from './matrix';
import { fillRect, paint, type Rgb, type Shape } from './raster';

export type ModuleStyle = 'square' | 'seamed' | 'rounded' | 'dots';
export type FinderStyle = 'square' | 'round' | 'rounded' | 'dots';

export interface CodeStyle {
  modules: ModuleStyle;
  finders: FinderStyle;
  dark: Rgb;
}

/** Where the symbol is painted: its top-left corner (CSS px, without quiet zone) and module size. */
export interface Placement {
  x: number;
  y: number;
  module: number;
}

function finderShape(style: FinderStyle, u: number, v: number): boolean {
  // (u, v) in modules from the finder's top-left corner, within 0..7.
  const du = u - 3.5;
  const dv = v - 3.5;
  if (style === 'round') {
    const d = Math.hypot(du, dv);
    return d <= 1.5 || (d >= 2.5 && d <= 3.5);
  }
  const inRounded = (half: number, r: number): boolean => {
    const ex = Math.max(Math.abs(du) - (half - r), 0);
    const ey = Math.max(Math.abs(dv) - (half - r), 0);
    return Math.abs(du) <= half && Math.abs(dv) <= half && ex * ex + ey * ey <= r * r;
  };
  return inRounded(1.5, 0.6) || (inRounded(3.5, 1.6) && !inRounded(2.5, 1.1));
}

function moduleShape(style: ModuleStyle, m: Matrix, r: number, c: number, fu: number, fv: number): boolean {
  if (!m.dark(r, c)) return false;
  if (style === 'dots') return (fu - 0.5) ** 2 + (fv - 0.5) ** 2 <= 0.2;
  if (style !== 'rounded') return true;
  // A corner is rounded only where both neighbours beside it are light, as qr-code-styling's "rounded".
  const light = (rr: number, cc: number): boolean => rr < 0 || cc < 0 || rr >= m.size || cc >= m.size || !m.dark(rr, cc);
  const cu = fu < 0.5 ? -1 : 1;
  const cv = fv < 0.5 ? -1 : 1;
  if (!light(r, c + cu) || !light(r + cv, c)) return true;
  // Both light: this quarter of the module is a quarter circle of radius half a module.
  return (fu - 0.5) ** 2 + (fv - 0.5) ** 2 <= 0.25;
}

/** Paints the symbol's dark modules onto `image` (the light ones are the background already there). */
export function paintCode(image: RgbaImage, dpr: number, matrix: Matrix, at: Placement, style: CodeStyle): void {
  const { size } = matrix;
  const { x, y, module } = at;
  if (style.modules === 'seamed' && style.finders === 'square') {
    // Each module its own rectangle: where two meet inside a pixel, both cover it partly and the
    // pixel stays a little light — the seams of a canvas drawn at a fractional scale.
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        if (matrix.dark(r, c)) fillRect(image, dpr, { x: x + c * module, y: y + r * module, width: module, height: module }, style.dark);
      }
    }
    return;
  }
  const shape: Shape = (px, py) => {
    const u = (px - x) / module;
    const v = (py - y) / module;
    const c = Math.floor(u);
    const r = Math.floor(v);
    if (r < 0 || c < 0 || r >= size || c >= size) return false;
    if (inFinder(size, r, c) && style.finders !== 'square') {
      const fu = c < 7 ? u : u - (size - 7);
      const fv = r < 7 ? v : v - (size - 7);
      if (style.finders === 'dots') return matrix.dark(r, c) && (u - c - 0.5) ** 2 + (v - r - 0.5) ** 2 <= 0.2;
      return finderShape(style.finders, fu, fv);
    }
    if (inFinder(size, r, c)) return matrix.dark(r, c);
    return moduleShape(style.modules === 'seamed' ? 'square' : style.modules, matrix, r, c, u - c, v - r);
  };
  paint(image, dpr, { x, y, width: size * module, height: size * module }, shape, style.dark);
}
