/**
 * The screen-rendered enrolment QR test set: 300 codes in the classes real sites show, each drawn as a
 * whole 1280×800 tab at a device pixel ratio and cropped to its element as the picker would. Every
 * case is described here from a seed of its own id; `render.ts` paints it.
 */
import type { CodeStyle, FinderStyle, ModuleStyle } from './code';
import type { EcLevel } from './matrix';
import { between, intBetween, pick, type Random, seeded, seedOf } from './random';
import type { Rgb } from './raster';
import { enrolmentText } from './texts';

export type ScreenClass = 'server' | 'styled' | 'logo' | 'dark' | 'small' | 'jpeg' | 'decoy';

/** How many codes of each class; 300 in all. */
export const CLASS_COUNTS: Readonly<Record<ScreenClass, number>> = { server: 60, styled: 50, logo: 45, dark: 40, small: 40, jpeg: 35, decoy: 30 };

export interface ScreenCase {
  id: string;
  cls: ScreenClass;
  text: string;
  dpr: number;
  generator: 'qrcode' | 'qrcode-generator';
  ec: EcLevel;
  mask: number | undefined;
  minVersion: number;
  /** `image`: a server-made PNG the browser scales (`cell` image px per module); `canvas`: drawn at device px. */
  render: 'image' | 'canvas';
  cell: number;
  kernel: 'linear' | 'cubic';
  style: CodeStyle;
  /** The element's side in CSS px is modules × `module` (fractional for scaled images). */
  module: number;
  /** Light modules around the symbol inside the element (0 for a canvas drawn edge to edge). */
  quiet: number;
  /** The card's padding around the element, CSS px. */
  padding: number;
  darkMode: boolean;
  light: Rgb;
  overlay: 'none' | 'logo' | 'badge' | 'bubble';
  decoys: number;
  jpeg: number | null;
  /** Top-left corner of the card as a fraction of the room left in the viewport, and a sub-pixel offset. */
  place: [number, number];
  subpixel: number;
  background: number;
}

const DPRS = [1, 1.25, 1.5, 2, 2.5];
const INKS: Rgb[] = [[0, 0, 0], [0, 0, 0], [17, 24, 39], [29, 53, 87], [60, 20, 90], [10, 80, 50]];
const DARK_INKS: Rgb[] = [[255, 255, 255], [230, 230, 230], [200, 220, 255]];
const DARK_CARDS: Rgb[] = [[18, 18, 18], [30, 30, 30], [13, 17, 23], [32, 33, 36]];

function style(random: Random, modules: ModuleStyle[], finders: FinderStyle[], ink: Rgb): CodeStyle {
  return { modules: pick(random, modules), finders: pick(random, finders), dark: ink };
}

function describe(cls: ScreenClass, index: number): ScreenCase {
  const id = `${cls}-${String(index).padStart(2, '0')}`;
  const random = seeded(seedOf(id));
  const darkMode = cls === 'dark';
  const base: ScreenCase = {
    id,
    cls,
    text: enrolmentText(random, random() < 0.15),
    dpr: DPRS[index % DPRS.length] ?? 1,
    generator: random() < 0.5 ? 'qrcode' : 'qrcode-generator',
    ec: pick(random, ['L', 'M', 'M', 'Q', 'H'] as const),
    mask: random() < 0.6 ? intBetween(random, 0, 7) : undefined,
    minVersion: random() < 0.3 ? intBetween(random, 6, 12) : 0,
    render: random() < 0.5 ? 'image' : 'canvas',
    cell: intBetween(random, 2, 8),
    kernel: random() < 0.5 ? 'linear' : 'cubic',
    style: { modules: 'square', finders: 'square', dark: darkMode ? pick(random, DARK_INKS) : pick(random, INKS) },
    module: pick(random, [3, 4, 4, 5, 6]),
    quiet: pick(random, [0, 1, 2, 4, 4]),
    padding: pick(random, [0, 8, 16, 24]),
    darkMode,
    light: darkMode ? pick(random, DARK_CARDS) : [255, 255, 255],
    overlay: 'none',
    decoys: random() < 0.2 ? intBetween(random, 1, 3) : 0,
    jpeg: null,
    place: [random(), random()],
    subpixel: pick(random, [0, 0, 0.5, 0.25, 0.33]),
    background: intBetween(random, 1, 6),
  };
  if (base.render === 'image') base.module = between(random, 3, 6);
  switch (cls) {
    case 'server':
      return { ...base, render: index % 3 === 0 ? 'canvas' : 'image', generator: index % 2 === 0 ? 'qrcode' : 'qrcode-generator' };
    case 'styled':
      return { ...base, render: 'canvas', ec: pick(random, ['M', 'Q', 'H'] as const), style: style(random, ['rounded', 'dots', 'rounded', 'square'], ['round', 'rounded', 'square', 'dots'], base.style.dark) };
    case 'logo':
      return { ...base, overlay: (['logo', 'badge', 'bubble'] as const)[index % 3] ?? 'logo', ec: pick(random, ['M', 'Q', 'H', 'H'] as const), style: random() < 0.4 ? style(random, ['rounded', 'dots', 'square'], ['round', 'rounded', 'square'], base.style.dark) : base.style };
    case 'dark':
      return { ...base, style: random() < 0.4 ? style(random, ['rounded', 'dots', 'square', 'seamed'], ['round', 'rounded', 'square'], base.style.dark) : base.style };
    case 'small':
      return {
        ...base,
        dpr: [1.5, 2, 1.25, 1, 1.5, 2][index % 6] ?? 1.5,
        module: pick(random, [2, 2, 2.5, 3, 3]),
        render: index % 4 === 3 ? 'image' : 'canvas',
        style: { ...base.style, modules: index % 2 === 0 ? 'seamed' : 'square' },
      };
    case 'jpeg':
      return { ...base, jpeg: intBetween(random, 50, 90) };
    case 'decoy':
      return { ...base, render: 'canvas', decoys: intBetween(random, 3, 6), style: style(random, ['dots', 'rounded', 'square'], ['round', 'dots', 'rounded'], base.style.dark) };
  }
}

/** Every case of the set, in a fixed order. */
export function screenCases(): ScreenCase[] {
  return (Object.keys(CLASS_COUNTS) as ScreenClass[]).flatMap((cls) => Array.from({ length: CLASS_COUNTS[cls] }, (_, i) => describe(cls, i)));
}
