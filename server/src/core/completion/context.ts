/**
 * The cursor's context, read from the text around it: is the author typing a
 * key, a value, or starting a list item, and at which path of the format
 * (`['steps', '*', 'performer']`)? Only the cursor's line, the lines above it
 * (for the parents) and the block it sits in (for what is already there) are
 * read, so a broken line elsewhere does not matter.
 */
import type { Span } from '../text/span';
import { flowItem, flowKey, flowParts, partAt, scanPrefix } from './flow';
import { parseLine, WORD_CHAR, type Line, type Opener, type TextLines } from './lines';
import { hasType, schemaAt } from './schemaWalk';
import { containerOf, siblingsOf } from './structure';

/** A new item of a block list can start at the cursor. */
export interface ListStart {
  /** The list's path. */
  path: string[];
  /** Column of the item's `- `. */
  dashCol: number;
  /** The `- ` is already on the line (the snippet goes after it). */
  hasDash: boolean;
}

interface Base {
  /** The half-typed word at the cursor (possibly empty): what a candidate replaces. */
  replace: Span;
  line: Line;
}

export interface KeyContext extends Base {
  kind: 'key';
  /** The mapping's path. */
  path: string[];
  /** The key's column: continuation lines of a multi-line insert indent from here. */
  col: number;
  /** Keys the mapping already holds, with their values as written. */
  present: Map<string, string>;
  /** A `:` already follows the word: only the key's name is being written. */
  colonFollows: boolean;
  /** Inside `{ … }`: one-line inserts only. */
  flow: boolean;
  list?: ListStart;
}

export interface ValueContext extends Base {
  kind: 'value';
  /** The value's path; it ends with `*` for an item of a list. */
  path: string[];
  /** Items already in the same list. */
  present: string[];
  /** The mapping that holds the key, as written (`id` tells which step the cursor is in). */
  mapping: Map<string, string>;
  /** The cursor is right after `key:` (a value needs a space) or a flow list's `,` (it reads better with one). */
  spaceBefore: boolean;
  flow: boolean;
}

/** At a list's item column with no `- ` yet: a new item (`- …`) goes here. */
export interface ItemContext extends Base {
  kind: 'item';
  list: ListStart;
  present: string[];
}

export interface EmptyFileContext extends Base {
  kind: 'empty-file';
}

export type CursorContext = KeyContext | ValueContext | ItemContext | EmptyFileContext | { kind: 'none' };

const NONE = { kind: 'none' } as const;

export function cursorContext(tl: TextLines, offset: number): CursorContext {
  const lineNo = tl.index.lineAt(offset);
  const line = tl.line(lineNo);
  const col = Math.max(0, Math.min(offset - line.start, line.text.length));
  const prefix = line.text.slice(0, col);
  const scan = scanPrefix(prefix);
  if (scan.inComment) return NONE;
  const word = wordAt(line, col);
  if (isEmpty(tl)) {
    // A new file: the whole unit is offered at column 0, replacing the line's indentation (not a comment after it).
    return { kind: 'empty-file', line, replace: { start: line.start, end: line.start + line.indent } };
  }
  if (scan.open.length > 0) return flowContext(tl, line, col, word, scan.open);
  return blockContext(tl, line, col, word);
}

/** Nothing but blank lines and comments: a new file. */
function isEmpty(tl: TextLines): boolean {
  for (let i = 0; i < tl.count; i++) {
    const l = tl.line(i);
    if (!l.blank && !l.comment) return false;
  }
  return true;
}

/** The run of word characters around the cursor, as line columns. */
function wordAt(line: Line, col: number): { start: number; end: number } {
  let start = col;
  while (start > 0 && WORD_CHAR.test(line.text[start - 1])) start--;
  let end = col;
  while (end < line.text.length && WORD_CHAR.test(line.text[end])) end++;
  return { start, end };
}

function span(line: Line, w: { start: number; end: number }): Span {
  return { start: line.start + w.start, end: line.start + w.end };
}

/** Keys and values of the mapping holding a key at `col` on `lineIdx` (the line's own key included). */
function mappingOf(tl: TextLines, lineIdx: number, col: number, leftOpeners: Opener[]): { path: string[]; inBlockScalar: boolean; keys: Map<string, string> } {
  const cont = containerOf(tl, lineIdx, col, 'map', leftOpeners);
  const { keys } = siblingsOf(tl, lineIdx, col, 'map', cont.openLine);
  for (const op of tl.line(lineIdx).openers) if (op.type === 'key' && op.col === col) keys.set(op.key, op.value);
  return { path: cont.path, inBlockScalar: cont.inBlockScalar, keys };
}

function blockContext(tl: TextLines, line: Line, col: number, word: { start: number; end: number }): CursorContext {
  const head = parseLine(line.index, line.start, line.text.slice(0, col));
  const dashes = head.openers.filter((o) => o.type === 'dash');
  const key = head.openers.find((o): o is Extract<Opener, { type: 'key' }> => o.type === 'key');
  const replace = span(line, word);

  if (key) {
    // A value: `key: |`, `key: half|`, `- key: |`.
    const before = line.text.slice(key.valueCol, word.start);
    if (/^[|>]/.test(before)) return NONE; // a block scalar's header
    if (before.trim() !== '' && before.trim() !== '"' && before.trim() !== "'") return NONE; // free text
    const holder = mappingOf(tl, line.index, key.col, dashes);
    // `key: value` under a key with a plain scalar cannot be that scalar's text
    // (plain text holds no `: `): the author is restructuring. Under `|` or `>` it is text.
    if (holder.inBlockScalar) return NONE;
    return {
      kind: 'value',
      line,
      replace,
      path: [...holder.path, key.key],
      present: [],
      mapping: holder.keys,
      spaceBefore: word.start === key.valueCol && line.text[word.start - 1] === ':',
      flow: false,
    };
  }

  const lastDash = dashes[dashes.length - 1] as Extract<Opener, { type: 'dash' }> | undefined;
  const contentStart = lastDash ? lastDash.contentCol : head.indent;
  // `-|` with no space yet, or something other than one word before the cursor (`- foo ba|`).
  if (lastDash && lastDash.contentCol === col && !/[ \t]$/.test(line.text.slice(0, col))) return NONE;
  if (word.start !== contentStart) return NONE;
  const colonFollows = /^[ \t]*:/.test(line.text.slice(word.end));

  if (lastDash) {
    // `- |`: an item of the list at the dash's column.
    const list = containerOf(tl, line.index, lastDash.col, 'seq', dashes.slice(0, -1));
    if (list.inScalar || list.inBlockScalar) return NONE;
    const itemPath = [...list.path, '*'];
    const start: ListStart = { path: list.path, dashCol: lastDash.col, hasDash: true };
    if (hasType(schemaAt(itemPath), 'object')) {
      // The item is a mapping starting here: its other keys are on the lines below.
      const { keys } = siblingsOf(tl, line.index, lastDash.contentCol, 'map', line.index);
      return { kind: 'key', line, replace, path: itemPath, col: lastDash.contentCol, present: keys, colonFollows, flow: false, list: start };
    }
    const { items } = siblingsOf(tl, line.index, lastDash.col, 'seq', list.openLine);
    return { kind: 'value', line, replace, path: itemPath, present: items, mapping: listOwner(tl, list.openLine, list.path), spaceBefore: false, flow: false };
  }

  // A key of a mapping, or the item column of a list with no `- ` yet.
  const c = contentStart;
  const cont = containerOf(tl, line.index, c, 'map');
  if (cont.inScalar || cont.inBlockScalar) return NONE;
  const alts = schemaAt(cont.path);
  if (hasType(alts, 'array') && !hasType(alts, 'object') && cont.path.length > 0) {
    const { items } = siblingsOf(tl, line.index, c, 'seq', cont.openLine);
    return { kind: 'item', line, replace, list: { path: cont.path, dashCol: c, hasDash: false }, present: items };
  }
  const { keys } = siblingsOf(tl, line.index, c, 'map', cont.openLine);
  const list: ListStart | undefined =
    cont.itemDashCol !== undefined ? { path: cont.path.slice(0, -1), dashCol: cont.itemDashCol, hasDash: false } : undefined;
  return { kind: 'key', line, replace, path: cont.path, col: c, present: keys, colonFollows, flow: false, list };
}

/** The mapping that holds the key a block list belongs to (`next:` → the step's keys). */
function listOwner(tl: TextLines, openLine: number, listPath: string[]): Map<string, string> {
  if (openLine < 0 || listPath.length === 0) return new Map();
  const l = tl.line(openLine);
  const key = l.openers.find((o) => o.type === 'key' && o.key === listPath[listPath.length - 1]);
  if (!key) return new Map();
  return mappingOf(tl, openLine, key.col, l.openers.filter((o) => o.col < key.col)).keys;
}

function flowContext(tl: TextLines, line: Line, col: number, word: { start: number; end: number }, open: { ch: '[' | '{'; pos: number }[]): CursorContext {
  // The block part of the line says whose value the flow collection is.
  const head = parseLine(line.index, line.start, line.text.slice(0, open[0].pos));
  const last = head.openers[head.openers.length - 1];
  let path: string[];
  let mapping = new Map<string, string>();
  if (last?.type === 'key' && last.valueCol === open[0].pos) {
    const holder = mappingOf(tl, line.index, last.col, head.openers.filter((o) => o.col < last.col));
    if (holder.inBlockScalar) return NONE;
    path = [...holder.path, last.key];
    mapping = holder.keys;
  } else if (last?.type === 'dash' && last.contentCol === open[0].pos) {
    const list = containerOf(tl, line.index, last.col, 'seq', head.openers.filter((o) => o.col < last.col));
    if (list.inScalar || list.inBlockScalar) return NONE;
    path = [...list.path, '*'];
  } else if (head.openers.length === 0 && head.indent === open[0].pos) {
    const cont = containerOf(tl, line.index, head.indent, 'map');
    if (cont.inScalar || cont.inBlockScalar) return NONE;
    path = cont.path;
  } else {
    return NONE;
  }

  const replace = span(line, word);
  for (let i = 0; i < open.length; i++) {
    const level = open[i];
    const innermost = i === open.length - 1;
    const parts = flowParts(line.text, level.pos);
    // The part the cursor (or the next, nested bracket) is in.
    const here = partAt(parts, innermost ? col : open[i + 1].pos);
    if (!here) return NONE;
    if (level.ch === '[') {
      if (!innermost) {
        path = [...path, '*'];
        continue;
      }
      const typed = line.text.slice(here.start, word.start).trim();
      if (typed !== '' && typed !== '"' && typed !== "'") return NONE;
      const present = parts.filter((p) => p !== here).map((p) => flowItem(p.text)).filter((t) => t !== '');
      // `[a,|`: the item reads better as `[a, b`.
      return { kind: 'value', line, replace, path: [...path, '*'], present, mapping, spaceBefore: line.text[word.start - 1] === ',', flow: true };
    }
    const kv = flowKey(line.text.slice(here.start, innermost ? col : open[i + 1].pos));
    if (!innermost) {
      if (!kv) return NONE;
      path = [...path, kv.key];
      continue;
    }
    const keys = new Map<string, string>();
    for (const p of parts) {
      if (p === here) continue;
      const k = flowKey(p.text);
      if (k) keys.set(k.key, p.text.slice(k.valueAt).trim());
    }
    if (kv) {
      const valueStart = here.start + kv.valueAt;
      const typed = line.text.slice(valueStart, word.start).trim();
      if (typed !== '' && typed !== '"' && typed !== "'") return NONE;
      return { kind: 'value', line, replace, path: [...path, kv.key], present: [], mapping: keys, spaceBefore: line.text[word.start - 1] === ':', flow: true };
    }
    if (line.text.slice(here.start, word.start).trim() !== '') return NONE;
    return { kind: 'key', line, replace, path, col: word.start, present: keys, colonFollows: /^[ \t]*:/.test(line.text.slice(word.end)), flow: true };
  }
  return NONE;
}
