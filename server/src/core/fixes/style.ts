/**
 * The file's own way of writing YAML, read from the file itself: its line
 * ending, its indentation unit, whether a block list's `- ` is indented under
 * its key, and the gap between a `-` and the item's first key. Scaffolds are
 * written the same way.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { UnitModel } from '../model/types';

export interface FileStyle {
  eol: string;
  /** Spaces per nesting level of a block mapping. */
  indent: number;
  /** Spaces between a key's column and its block list's `-` (0: `- ` not indented). */
  seqIndent: number;
  /** Columns from a list item's `-` to its first key (2 for `- id:`). */
  itemGap: number;
  /** Whether a `{ … }` / `[ … ]` is written with spaces inside. */
  flowSpaces: boolean;
}

const cache = new WeakMap<UnitModel, FileStyle>();

export function fileStyle(unit: UnitModel): FileStyle {
  let s = cache.get(unit);
  if (!s) {
    s = detect(unit);
    cache.set(unit, s);
  }
  return s;
}

function mostCommon(values: number[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function detect(unit: UnitModel): FileStyle {
  const { text, lines } = unit;
  // Not a lone `\r`: the yaml parser does not read one as a line break, so a fix that wrote it would join lines.
  const m = /\r?\n/.exec(text);
  const eol = m ? m[0] : '\n';
  const bom = text.startsWith('\ufeff') ? 1 : 0;
  const col = (offset: number) => {
    const p = lines.positionAt(offset);
    return p.line === 0 ? p.character - bom : p.character;
  };
  const mapSteps: number[] = [];
  const seqSteps: number[] = [];
  const gaps: number[] = [];
  let flowWithSpace = 0;
  let flowTight = 0;
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      if (node.flow && node.range && node.items.length > 0) {
        if (/^\{\s/.test(text.slice(node.range[0], node.range[0] + 2))) flowWithSpace++;
        else flowTight++;
      }
      for (const p of node.items as Pair<unknown, unknown>[]) {
        const key = p.key as Node | null;
        const value = p.value as Node | null;
        if (!node.flow && key?.range && value?.range && !('flow' in value && value.flow)) {
          if (isMap(value) && value.items.length > 0) {
            const first = (value.items[0] as Pair<Node, unknown>).key;
            if (first?.range && lines.lineAt(first.range[0]) !== lines.lineAt(key.range[0])) mapSteps.push(col(first.range[0]) - col(key.range[0]));
          } else if (isSeq(value) && lines.lineAt(value.range[0]) !== lines.lineAt(key.range[0])) {
            seqSteps.push(col(value.range[0]) - col(key.range[0]));
          }
        }
        walk(key);
        walk(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (!node.flow && isMap(item) && !item.flow && item.range && item.items.length > 0) {
          const first = (item.items[0] as Pair<Node, unknown>).key;
          // The dash sits before the item's first key on the same line.
          if (first?.range) {
            const line = lines.lineAt(first.range[0]);
            const before = text.slice(lines.lineStart(line), first.range[0]);
            const m = /^\s*-(\s+)$/.exec(before);
            if (m) gaps.push(m[1].length + 1);
          }
        }
        walk(item);
      }
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isScalar(node)) {
      // nothing to learn from a scalar
    }
  };
  walk(unit.doc.contents);
  const positive = (xs: number[]) => xs.filter((x) => x > 0);
  const indent = mostCommon(positive(mapSteps), mostCommon(positive(seqSteps), 2));
  // A list left of its key is no style (an empty key after a flow map, `{…}:` then `- x` below): not a step back.
  const seqOk = seqSteps.filter((x) => x >= 0);
  const seqIndent = seqOk.length > 0 ? mostCommon(seqOk, indent) : indent;
  const itemGap = mostCommon(positive(gaps), 2);
  return { eol, indent, seqIndent, itemGap, flowSpaces: flowWithSpace >= flowTight };
}
