/**
 * Small geometry every layout phase shares: boxes, and text blocks (wrapped,
 * measured and placed once, so the renderer only draws them).
 */
import { linesWidth, wrapAll, type TextFont } from './text';
import type { Box, Point, TextBlock } from './types';

/** The smallest font any text of the diagram is set in. */
export const MIN_FONT = 11;

export function boxesOverlap(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

export function inflate(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

export function union(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export const pt = (x: number, y: number): Point => ({ x, y });

export interface BlockSpec {
  /** The anchor x: the left edge, the centre or the right edge of the lines, per `anchor`. */
  x: number;
  /** The top of the block. */
  top: number;
  /** The width to wrap to. */
  width: number;
  size: number;
  style?: TextFont;
  anchor?: TextBlock['anchor'];
}

/** The line height of a block: enough that two lines' glyph boxes never touch. */
export const lineHeightOf = (size: number): number => Math.round(size * 1.32 * 10) / 10;

/** `text` wrapped to `spec.width` and placed: nothing cut, its box measured. */
export function textBlock(text: string, spec: BlockSpec): TextBlock {
  const style = spec.style ?? 'plain';
  const size = Math.max(MIN_FONT, spec.size);
  const width = Math.max(size, spec.width);
  const lines = wrapAll(text, width, size, style);
  const anchor = spec.anchor ?? 'start';
  const lineHeight = lineHeightOf(size);
  const w = linesWidth(lines, size, style);
  const left = anchor === 'start' ? spec.x : anchor === 'middle' ? spec.x - w / 2 : spec.x - w;
  // The first baseline: the glyphs (ascent ~0.93 em, descent ~0.24 em) centred in the first line's height.
  const y = spec.top + (lineHeight - 1.17 * size) / 2 + 0.93 * size;
  return {
    lines,
    x: round(spec.x),
    y: round(y),
    anchor,
    size,
    lineHeight,
    style,
    width: Math.ceil(width * 10) / 10,
    box: { x: round(left), y: round(spec.top), width: round(w), height: round(lines.length * lineHeight) },
  };
}

/** The same block moved so that its box's top-left is at (`x`, `y`). */
export function moveBlock(b: TextBlock, x: number, y: number): TextBlock {
  const dx = x - b.box.x;
  const dy = y - b.box.y;
  return { ...b, x: round(b.x + dx), y: round(b.y + dy), box: { ...b.box, x: round(x), y: round(y) } };
}

export const round = (n: number): number => Math.round(n * 10) / 10;
export const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
