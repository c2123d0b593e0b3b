/**
 * Where a column on a line sits in the document's tree, read from
 * indentation alone: scanning upward for the key or `- ` that opens the
 * enclosing block, and collecting what the same block already holds above
 * and below. Works on text that does not parse.
 */
import { opensBlock, type Line, type Lines, type Opener } from './lines';

/** Looking for the mapping that holds a key at a column, or the list that holds a `- ` at a column. */
export type Mode = 'map' | 'seq';

export interface Container {
  /** Path from the root to the container: keys, and `*` for "an item of a list". */
  path: string[];
  /** The innermost container is the value of a key whose line already holds a scalar: a word here continues that text. */
  inScalar: boolean;
  /** Some enclosing key holds a block scalar (`|`, `>`): everything deeper is its text, whatever it looks like. */
  inBlockScalar: boolean;
  /** When the innermost container is a mapping that is a list item: the column of its `- `. */
  itemDashCol?: number;
  /** The line where the innermost container is opened (-1: the root). */
  openLine: number;
}

/**
 * The container of the node at `col` on line `lineIdx`. `leftOpeners` are the
 * openers on that line left of `col` (the `- ` of an item whose first key is
 * at `col`, for instance); they are necessarily its parents.
 */
export function containerOf(lines: Lines, lineIdx: number, col: number, mode: Mode, leftOpeners: Opener[] = []): Container {
  const path: string[] = [];
  let c = col;
  let m: Mode = mode;
  let first: { opener: Opener; line: number } | undefined;
  let itemDashCol: number | undefined;
  let inBlockScalar = false;

  const consume = (openers: Opener[], line: number) => {
    for (let k = openers.length - 1; k >= 0; k--) {
      const op = openers[k];
      if (op.col > c) continue;
      if (op.col === c) {
        // A key at the same column is a sibling in a mapping — except when we
        // look for the owner of a list written at its key's column (`key:\n- a`).
        if (!(m === 'seq' && op.type === 'key')) continue;
      }
      if (!first) {
        first = { opener: op, line };
        if (op.type === 'dash' && m === 'map') itemDashCol = op.col;
      }
      if (op.type === 'dash') {
        path.unshift('*');
        m = 'seq';
      } else {
        path.unshift(op.key);
        m = 'map';
        if (/^[|>]/.test(op.value)) inBlockScalar = true;
      }
      c = op.col;
    }
  };

  consume(leftOpeners.filter((o) => o.col < col), lineIdx);
  // A key at column 0 has no parent but the root: nothing above can change the path.
  for (let i = lineIdx - 1; i >= 0 && !(c === 0 && m === 'map'); i--) {
    const l = lines.line(i);
    if (l.blank || l.comment || l.indent > c) continue;
    consume(l.openers, i);
  }
  const fo = first?.opener;
  const inScalar = fo !== undefined && fo.type === 'key' && !opensBlock(fo.value);
  return { path, inScalar, inBlockScalar, itemDashCol, openLine: first?.line ?? -1 };
}

export interface Siblings {
  /** Keys of the same mapping, with their scalar values (the line's text after `key:`). */
  keys: Map<string, string>;
  /** Scalar items of the same list. */
  items: string[];
}

/**
 * What the block at `col` already holds, other than on the cursor's line:
 * keys at that column (for a mapping) or `- ` items at that column (for a
 * list), up to where the block is opened and down to where it ends.
 */
export function siblingsOf(lines: Lines, lineIdx: number, col: number, mode: Mode, openLine: number): Siblings {
  const keys = new Map<string, string>();
  const items: string[] = [];
  const take = (l: Line): void => {
    for (const op of l.openers) {
      if (op.col !== col) continue;
      if (mode === 'map' && op.type === 'key') keys.set(op.key, op.value);
      if (mode === 'seq' && op.type === 'dash' && op.item !== '') items.push(op.item);
    }
  };
  // Upward: from the line above the cursor to the line that opens the block (it may hold the first key: `- id: x`).
  for (let i = lineIdx - 1; i >= Math.max(0, openLine); i--) {
    const l = lines.line(i);
    if (l.blank || l.comment) continue;
    if (l.indent < col && i !== openLine) break;
    take(l);
  }
  // Downward: until a line that is less indented, or a key at the list's own column (`key:\n- a\nother:`).
  for (let i = lineIdx + 1; i < lines.count; i++) {
    const l = lines.line(i);
    if (l.blank || l.comment) continue;
    if (l.indent < col) break;
    if (l.indent === col && mode === 'seq' && l.openers[0]?.type !== 'dash') break;
    take(l);
  }
  return { keys, items };
}
