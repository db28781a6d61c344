#!/usr/bin/env node
// Draws the tray icons (4 states × macOS Template / light / dark × @1x/@2x), a multi-size .ico per Windows state and
// variant, and the 512 px app icon.
// Plain code, no image toolchain, so the icons can be regenerated anywhere: `npm run make-icons`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../src/core/image/png';

type Point = readonly [number, number];
type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => boolean;
type Layer = readonly [Shape, Rgba | 'erase'];
type TrayState = 'idle' | 'running' | 'attention' | 'problem';
interface Variant {
  glyph: Rgba;
  badge: (state: Exclude<TrayState, 'idle'>) => Rgba;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const trayDir = join(root, 'assets', 'tray');

function distanceToSegment(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// The glyph lives in a unit square: an isometric cube (a 3D model) with an optional status badge bottom-right.
const HEX: Point[] = [
  [0.47, 0.1],
  [0.82, 0.29],
  [0.82, 0.67],
  [0.47, 0.86],
  [0.12, 0.67],
  [0.12, 0.29],
];
const CENTER: Point = [0.47, 0.48];
const CUBE_EDGES: [Point, Point][] = [
  ...HEX.map((p, i): [Point, Point] => [p, HEX[(i + 1) % HEX.length]!]),
  [CENTER, HEX[5]!],
  [CENTER, HEX[1]!],
  [CENTER, HEX[3]!],
];
const BADGE = { x: 0.77, y: 0.77, r: 0.21 };

function cube(stroke: number): Shape {
  return (x, y) => CUBE_EDGES.some(([a, b]) => distanceToSegment(x, y, a, b) <= stroke / 2);
}

const badgeShapes: Record<TrayState, Shape | null> = {
  idle: null,
  // A ring: "something is in progress".
  running: (x, y) => {
    const d = Math.hypot(x - BADGE.x, y - BADGE.y);
    return d <= BADGE.r && d >= BADGE.r - 0.09;
  },
  // A solid dot: "something finished that you have not seen".
  attention: (x, y) => Math.hypot(x - BADGE.x, y - BADGE.y) <= BADGE.r,
  // A solid dot with an exclamation mark cut out: "polling is blocked".
  problem: (x, y) => {
    if (Math.hypot(x - BADGE.x, y - BADGE.y) > BADGE.r) return false;
    const inBar = Math.abs(x - BADGE.x) <= 0.035 && y >= BADGE.y - 0.14 && y <= BADGE.y + 0.03;
    const inDot = Math.hypot(x - BADGE.x, y - (BADGE.y + 0.11)) <= 0.04;
    return !(inBar || inDot);
  },
};

/** Renders layers ([shape, [r,g,b,a]] or [shape, 'erase']) at `size` px with 4×4 supersampling. */
export function render(size: number, layers: readonly Layer[]): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let color: Rgba = [0, 0, 0, 0];
          for (const [shape, paint] of layers) {
            if (!shape(x, y)) continue;
            color = paint === 'erase' ? [0, 0, 0, 0] : paint;
          }
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return out;
}

const BADGE_COLORS: Record<Exclude<TrayState, 'idle'>, Rgba> = {
  running: [59, 130, 246, 255],
  attention: [34, 197, 94, 255],
  problem: [239, 68, 68, 255],
};
// light = for light menu bars/taskbars (dark glyph); dark = for dark ones (light glyph); Template = macOS tints it.
export const VARIANTS: Record<'Template' | 'light' | 'dark', Variant> = {
  Template: { glyph: [0, 0, 0, 255], badge: () => [0, 0, 0, 255] },
  light: { glyph: [34, 34, 34, 255], badge: (state) => BADGE_COLORS[state] },
  dark: { glyph: [240, 240, 240, 255], badge: (state) => BADGE_COLORS[state] },
};

export function trayLayers(state: TrayState, variant: Variant, size: number): Layer[] {
  // Strokes stay about 1.5 px wide at 16 px, whatever the scale.
  const stroke = 1.5 / 16;
  const layers: Layer[] = [[cube(stroke + 0.5 / size), variant.glyph]];
  const badge = badgeShapes[state];
  if (badge && state !== 'idle') {
    layers.push([(x, y) => Math.hypot(x - BADGE.x, y - BADGE.y) <= BADGE.r + 0.07, 'erase']);
    layers.push([badge, variant.badge(state)]);
  }
  return layers;
}

export function trayIconFileName(state: TrayState, variant: string, scale: 1 | 2): string {
  // macOS recognises Template images by the name ending in "Template"; Electron picks "@2x" for HiDPI itself.
  const base = variant === 'Template' ? `tray-${state}Template` : `tray-${state}-${variant}`;
  return `${base}${scale === 2 ? '@2x' : ''}.png`;
}

// Windows picks the tray size from the display scaling: 16 px at 100 %, 20 at 125 %, 24 at 150 %, 32 at 200 %, 40 and 48
// for larger scalings and the overflow area. One .ico holding all of them stays sharp wherever the icon is shown.
export const ICO_SIZES = [16, 20, 24, 32, 40, 48];

/** PNG images (each `{ size, png }`) → one .ico file; Windows Vista and later read PNG-compressed entries. */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, i) => {
    const entry = i * 16;
    directory[entry] = size >= 256 ? 0 : size; // width (0 means 256)
    directory[entry + 1] = size >= 256 ? 0 : size; // height
    directory[entry + 2] = 0; // no palette
    directory[entry + 3] = 0; // reserved
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(({ png }) => png)]);
}

export function trayIcoFileName(state: TrayState, variant: string): string {
  return `tray-${state}-${variant}.ico`;
}

function makeAppIcon(size: number): Buffer {
  const radius = 0.2;
  const inRoundedSquare: Shape = (x, y) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius - 0.04), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius - 0.04), 0);
    return Math.hypot(qx, qy) <= radius;
  };
  const scaled =
    (shape: Shape): Shape =>
    (x, y) =>
      shape((x - 0.5) / 0.7 + 0.47, (y - 0.5) / 0.7 + 0.48);
  return render(size, [
    [inRoundedSquare, [31, 41, 55, 255]],
    [scaled(cube(0.07)), [245, 245, 245, 255]],
  ]);
}

function main(): void {
  mkdirSync(trayDir, { recursive: true });
  for (const state of Object.keys(badgeShapes) as TrayState[]) {
    for (const [variantName, variant] of Object.entries(VARIANTS)) {
      for (const scale of [1, 2] as const) {
        const size = 16 * scale;
        const png = encodePng(size, size, render(size, trayLayers(state, variant, size)));
        writeFileSync(join(trayDir, trayIconFileName(state, variantName, scale)), png);
      }
      if (variantName === 'Template') continue;
      const images = ICO_SIZES.map((size) => ({
        size,
        png: encodePng(size, size, render(size, trayLayers(state, variant, size))),
      }));
      writeFileSync(join(trayDir, trayIcoFileName(state, variantName)), encodeIco(images));
    }
  }
  writeFileSync(join(root, 'assets', 'icon.png'), encodePng(512, 512, makeAppIcon(512)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
