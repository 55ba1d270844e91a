import { encodePng } from './png.js';

/**
 * mødebot's Teams icons, drawn in code: a speech bubble holding the lines of an agenda.
 * Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white on transparent.
 */

/** The app's accent colour (also `accentColor` in the manifest). */
export const ACCENT = '#1F4E79';

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** The body of the speech bubble in a unit square (0..1), shrunk by `inset`. */
function bubbleBody(inset: number): Shape {
  return roundedRect(0.14 + inset, 0.2 + inset, 0.86 - inset, 0.7 - inset, Math.max(0.02, 0.1 - inset));
}

/** The speech bubble with its tail. */
const bubble: Shape = union(bubbleBody(0), triangle(0.26, 0.62, 0.5, 0.62, 0.22, 0.86));

/** Three agenda lines inside the bubble, in a unit square. */
const agendaLines: Shape = union(
  roundedRect(0.27, 0.3, 0.73, 0.36, 0.03),
  roundedRect(0.27, 0.42, 0.73, 0.48, 0.03),
  roundedRect(0.27, 0.54, 0.58, 0.6, 0.03),
);

function hex(c: string): [number, number, number] {
  const n = parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Renders with 4×4 supersampling, so edges are smooth at 32 px. */
function raster(size: number, paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      rgba[i + 3] = Math.round((a / (S * S)) * 255);
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
    }
  }
  return rgba;
}

/** The 192×192 colour icon: white bubble on the accent colour, agenda lines in the accent colour. */
export function colorIcon(): Uint8Array {
  const accent = hex(ACCENT);
  const shape = bubble;
  return encodePng(192, 192, raster(192, (x, y) => {
    if (shape(x, y) && !agendaLines(x, y)) return [255, 255, 255, 1];
    return [...accent, 1];
  }));
}

/** The 32×32 outline icon: the bubble's outline and lines in white on transparent. */
export function outlineIcon(): Uint8Array {
  // The tail stays solid: at 32 px an outlined tail breaks up into single pixels.
  const outline = union(minus(bubble, bubbleBody(0.07)), agendaLines);
  return encodePng(32, 32, raster(32, (x, y) => (outline(x, y) ? [255, 255, 255, 1] : [255, 255, 255, 0])));
}
