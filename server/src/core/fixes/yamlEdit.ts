/**
 * Writing into the YAML as it stands: where a key, a list item or a
 * top-level block goes, rendered in the file's own style (block or flow,
 * indentation, line ending). Every helper returns edits that leave the lines
 * it does not need untouched, or undefined when it cannot edit safely (a
 * value written through an alias, a flow root…).
 */
import { BLOCKS, blockOf } from '../format/description';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node, type Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { UnitModel } from '../model/types';
import type { Span } from '../text/span';
import { plainOnly } from './snippet';
import { fileStyle, type FileStyle } from './style';
import type { TextEdit } from './types';

// ---------------------------------------------------------------------------
// What to write: a tiny tree rendered in block or flow style.

export interface YScalar {
  /** YAML-safe text (may hold placeholders). */
  s: string;
  /** A comment shown after the value in plain rendering (a `# TODO` where a snippet has a tab stop). */
  todo?: string;
  /** In flow style, where the comment cannot follow the value: the key it is about. */
  todoKey?: string;
}
export interface YMap {
  map: [string, YVal][];
  flow?: boolean;
}
export interface YSeq {
  seq: YVal[];
  flow?: boolean;
}
export type YVal = YScalar | YMap | YSeq;

export const sc = (s: string, todo?: string, todoKey?: string): YScalar => (todo === undefined ? { s } : { s, todo, todoKey });

/** One comment for the values of a flow collection that need one. */
function flowTodo(todos: string[]): string {
  return `TODO: ${[...new Set(todos)].join(', ')} (0 stands in)`;
}

const isYMap = (v: YVal): v is YMap => 'map' in v;
const isYSeq = (v: YVal): v is YSeq => 'seq' in v;

/** A name written as a plain scalar where that reads back as the same string, quoted otherwise. */
export function yamlString(name: string): string {
  const plain = /^[\p{L}\p{N}_][\p{L}\p{N}_.\/-]*$/u.test(name) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(name) && !/^[-+]?(\d|\.\d)/.test(name) && !/^0[xo]/i.test(name);
  return plain ? name : JSON.stringify(name);
}

export interface Writer {
  unit: UnitModel;
  text: string;
  style: FileStyle;
}

export function writer(unit: UnitModel): Writer {
  return { unit, text: unit.text, style: fileStyle(unit) };
}

const pad = (n: number) => ' '.repeat(Math.max(0, n));

/** Flow text of a value; plain-only comments are collected in `todos` (a comment cannot sit inside a flow collection). */
export function renderFlow(w: Writer, v: YVal, todos: string[] = []): string {
  const sp = w.style.flowSpaces ? ' ' : '';
  if (isYMap(v)) {
    if (v.map.length === 0) return '{}';
    return `{${sp}${v.map.map(([k, x]) => `${k}: ${renderFlow(w, x, todos)}`).join(', ')}${sp}}`;
  }
  if (isYSeq(v)) return `[${v.seq.map((x) => renderFlow(w, x, todos)).join(', ')}]`;
  if (v.todo) todos.push(v.todoKey ?? v.todo);
  return v.s;
}

function scalarLine(v: YScalar): string {
  return v.todo ? `${v.s}${plainOnly(`  # ${v.todo}`)}` : v.s;
}

/**
 * Block lines (no line breaks) of mapping entries whose keys stand at `col`;
 * one-line values start `align` columns after the key where the neighbours
 * are aligned that way.
 */
export function renderEntries(w: Writer, entries: [string, YVal][], col: number, align?: number): string[] {
  const out: string[] = [];
  for (const [k, v] of entries) {
    // `key: value`, or `key:   value` lined up with the neighbours.
    const head = `${pad(col)}${k}:${pad(align !== undefined && align > k.length + 1 ? align - k.length - 1 : 1)}`;
    if (isYMap(v) && !v.flow && v.map.length > 0) {
      out.push(`${pad(col)}${k}:`, ...renderEntries(w, v.map, col + w.style.indent));
    } else if (isYSeq(v) && !v.flow && v.seq.length > 0) {
      out.push(`${pad(col)}${k}:`);
      for (const item of v.seq) out.push(...renderItem(w, item, col + w.style.seqIndent));
    } else if (isYMap(v) || isYSeq(v)) {
      const todos: string[] = [];
      const flow = renderFlow(w, v, todos);
      out.push(`${head}${flow}${todos.length ? plainOnly(`  # ${flowTodo(todos)}`) : ''}`);
    } else {
      out.push(`${head}${scalarLine(v)}`);
    }
  }
  return out;
}

/** Block lines of one list item whose `-` stands at `dashCol`. */
export function renderItem(w: Writer, item: YVal, dashCol: number): string[] {
  const gap = w.style.itemGap;
  const dash = `${pad(dashCol)}-${pad(gap - 1)}`;
  if (isYMap(item) && !item.flow && item.map.length > 0) {
    const lines = renderEntries(w, item.map, dashCol + gap);
    lines[0] = dash + lines[0].slice(dashCol + gap);
    return lines;
  }
  if (isYMap(item) || isYSeq(item)) {
    const todos: string[] = [];
    const flow = renderFlow(w, item, todos);
    return [`${dash}${flow}${todos.length ? plainOnly(`  # ${flowTodo(todos)}`) : ''}`];
  }
  return [`${dash}${scalarLine(item)}`];
}

// ---------------------------------------------------------------------------
// Reading the written document.

interface DocIndex {
  /** Written collections by `start:end` (anchored nodes once, aliases never). */
  collections: Map<string, YAMLMap | YAMLSeq>;
  /** Flow collections and scalars spanning lines: no comment line may go inside them. */
  multiline: Span[];
  /** Anchor names some alias refers to. */
  aliased: Set<string>;
  /** Written pairs by their key's start offset, with the mapping that holds them. */
  pairs: Map<number, { pair: Pair<unknown, unknown>; map: YAMLMap }>;
}

const indexes = new WeakMap<UnitModel, DocIndex>();

export function docIndex(unit: UnitModel): DocIndex {
  let ix = indexes.get(unit);
  if (ix) return ix;
  ix = { collections: new Map(), multiline: [], aliased: new Set(), pairs: new Map() };
  const { lines } = unit;
  const index = ix;
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (isAlias(node)) {
      index.aliased.add(node.source);
      return;
    }
    const n = node as Node | null;
    if (!n || !n.range) return;
    const multi = lines.lineAt(n.range[0]) !== lines.lineAt(Math.max(n.range[0], n.range[1] - 1));
    if (isCollection(n)) {
      index.collections.set(`${n.range[0]}:${n.range[1]}`, n as YAMLMap | YAMLSeq);
      if ((n as YAMLMap).flow && multi) index.multiline.push({ start: n.range[0], end: n.range[1] });
      for (const item of (n as YAMLMap | YAMLSeq).items as unknown[]) {
        const keyStart = isPair(item) ? (item.key as Node | null)?.range?.[0] : undefined;
        if (keyStart !== undefined && isMap(n)) index.pairs.set(keyStart, { pair: item as Pair<unknown, unknown>, map: n });
        walk(item);
      }
    } else if (isScalar(n) && multi) {
      index.multiline.push({ start: n.range[0], end: n.range[1] });
    }
  };
  walk(unit.doc.contents);
  indexes.set(unit, ix);
  return ix;
}

/** The written mapping at exactly this span (a step's, exception's or metric's `span`). */
export function writtenMap(unit: UnitModel, span: Span): YAMLMap | undefined {
  const c = docIndex(unit).collections.get(`${span.start}:${span.end}`);
  return c && isMap(c) ? c : undefined;
}

export function rootMap(unit: UnitModel): YAMLMap | undefined {
  const root = unit.doc.contents;
  return isMap(root) && !root.flow ? root : undefined;
}

export function keyName(p: Pair<unknown, unknown>): string | undefined {
  return isScalar(p.key) && p.key.value !== null && typeof p.key.value !== 'object' ? String(p.key.value) : undefined;
}

/** The written pair of `key` in a mapping (merged keys are not written here). */
export function pairIn(map: YAMLMap | undefined, key: string): Pair<Scalar, Node | null> | undefined {
  if (!map) return undefined;
  return (map.items as Pair<unknown, unknown>[]).find((p) => keyName(p) === key) as Pair<Scalar, Node | null> | undefined;
}

/** The written mapping value of a pair (not an alias). */
export function mapValue(p: Pair<unknown, unknown> | undefined): YAMLMap | undefined {
  return p && isMap(p.value) ? p.value : undefined;
}

export function seqValue(p: Pair<unknown, unknown> | undefined): YAMLSeq | undefined {
  return p && isSeq(p.value) ? p.value : undefined;
}

/** A value the author has not written yet: missing, null (`key:`, `~`, `null`), or an empty `[]`/`{}`. */
export function isUnwritten(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (isScalar(value)) return value.value === null || value.value === undefined;
  if (isCollection(value)) return value.items.length === 0 && !!(value as YAMLMap).flow;
  return false;
}

/** The end of the last line in [start, end) holding more than blanks or a comment, trimmed; `start` when none does. */
function lastWrittenLineEnd(text: string, start: number, end: number): number {
  let lineEnd = trimBack(text, start, end);
  while (lineEnd > start) {
    const lineStart = Math.max(start, Math.max(text.lastIndexOf('\n', lineEnd - 1), text.lastIndexOf('\r', lineEnd - 1)) + 1);
    if (!/^[ \t]*#/.test(text.slice(lineStart, lineEnd))) return lineEnd;
    lineEnd = trimBack(text, start, lineStart);
  }
  return start;
}

function trimBack(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The end of what is written for a node (leaving out trailing comments and blank lines a block collection's range takes in). */
export function contentEnd(text: string, node: unknown): number {
  if (isPair(node)) return Math.max(contentEnd(text, node.key), contentEnd(text, node.value));
  const n = node as Node | null;
  if (!n || !n.range) return -1;
  if (isCollection(n) && !(n as YAMLMap).flow) {
    let end = -1;
    for (const item of (n as YAMLMap | YAMLSeq).items as unknown[]) end = Math.max(end, contentEnd(text, item));
    // An item written as a bare `-` (or `- # note`) has no node to measure: the collection's last line
    // that is not blank or a comment is written too (`? ` then `- #` is a key spanning both lines).
    return Math.max(end < 0 ? n.range[0] : end, lastWrittenLineEnd(text, n.range[0], n.range[1]));
  }
  return trimBack(text, n.range[0], n.range[1]);
}

export function lastLineOf(w: Writer, node: unknown): number {
  const start = isPair(node) ? ((node.key as Node | null)?.range?.[0] ?? 0) : ((node as Node | null)?.range?.[0] ?? 0);
  const end = contentEnd(w.text, node);
  return w.unit.lines.lineAt(Math.max(start, end - 1));
}

/**
 * The last line of a block that ends on `line`, taking in the comment lines
 * right after it that are indented deeper than `col` (they belong to it, as
 * `# no target yet` under a metric's last key does).
 */
export function blockEnd(w: Writer, line: number, col_: number): number {
  const li = w.unit.lines;
  const starts = new Set(w.unit.comments.map((c) => c.offset));
  let l = line;
  while (l + 1 < li.lineCount) {
    const t = li.lineText(l + 1);
    const indent = /^[ \t]*/.exec(t)![0].length;
    if (indent <= col_ || !starts.has(li.lineStart(l + 1) + indent)) break;
    l++;
  }
  return l;
}

/** The column of an offset, as indentation counts it (a byte-order mark is not a column). */
export function col(w: Writer, offset: number): number {
  const p = w.unit.lines.positionAt(offset);
  return p.line === 0 && w.text.startsWith('\ufeff') ? Math.max(0, p.character - 1) : p.character;
}

/** True when only indentation stands before `offset` on its line. */
export function startsLine(w: Writer, offset: number): boolean {
  const line = w.unit.lines.lineAt(offset);
  return /^[ \t]*$/.test(w.text.slice(w.unit.lines.lineStart(line), offset));
}

/**
 * Where a key's entry begins: its range start, except for an empty implicit key (`: value`), whose range
 * is empty and may sit before the indentation of its line: there, where its `:` stands.
 */
function keyOffset(w: Writer, key: Node): number | undefined {
  if (!key.range) return undefined;
  const [start, end] = key.range;
  if (start !== end) return explicitKeyIndicator(w, start) ?? start;
  const at = start + /^[ \t]*/.exec(w.text.slice(start, start + 200))![0].length;
  return w.text[at] === ':' ? at : start;
}

/**
 * The `?` of an explicit key written on a line of its own above the key (`?` then `- item` on the next
 * line): the entry begins there, so a key written "before" this one must go above the `?`. Only blank
 * and comment lines may stand between.
 */
function explicitKeyIndicator(w: Writer, keyStart: number): number | undefined {
  const li = w.unit.lines;
  let line = li.lineAt(keyStart);
  if (!/^[ \t]*$/.test(w.text.slice(li.lineStart(line), keyStart))) return undefined;
  while (line > 0) {
    line--;
    const t = li.lineText(line);
    if (/^[ \t]*(?:#.*)?$/.test(t)) continue;
    const m = /^([ \t]*)\?[ \t]*(?:#.*)?$/.exec(t);
    return m ? li.lineStart(line) + m[1].length : undefined;
  }
  return undefined;
}

/** Where a pair's entry begins (its key, or the `?` written above it). */
export function entryStart(w: Writer, p: Pair<unknown, unknown>): number | undefined {
  return p.key ? keyOffset(w, p.key as Node) : undefined;
}

/** Anchors, tags and `? ` (an explicit key) before a key, each followed by a space. */
const KEY_PROPS = /^(?:(?:[&!]\S*|\?)[ \t]+)*$/;

/**
 * The column a block mapping's keys stand at: where their entries begin (an anchor, a tag or a `? `
 * before a key is part of its entry: `&lead lead: …` puts `lead` at column 6, its siblings at 0).
 * Undefined when the parser read the mapping leniently — its keys do not line up (`    :` under a
 * list, taken as a key of the map above), or a key after the first shares its line with other text
 * (`lead: { kind: human }:` gives an empty key after the `}`): no column a written key would surely
 * join. A first key behind other text (`- ` of a list item) stands at its own column, less its props.
 */
export function mapColumn(w: Writer, map: YAMLMap): number | undefined {
  const starts = (map.items as Pair<unknown, unknown>[]).map((p) => (p.key ? keyOffset(w, p.key as Node) : undefined)).filter((s): s is number => s !== undefined);
  if (starts.length === 0) return undefined;
  const columns: number[] = [];
  for (const [i, start] of starts.entries()) {
    const line = w.unit.lines.lineAt(start);
    const before = w.text.slice(w.unit.lines.lineStart(line), start).replace(line === 0 ? /^\ufeff/ : /^$/, '');
    const indent = /^[ \t]*/.exec(before)![0].length;
    if (KEY_PROPS.test(before.slice(indent))) columns.push(indent);
    else if (i > 0) return undefined;
  }
  if (columns.some((c) => c !== columns[0])) return undefined;
  if (columns.length > 0) return columns[0];
  const first = starts[0];
  const props = /(?:[&!]\S*[ \t]+)+$/.exec(w.text.slice(w.unit.lines.lineStart(w.unit.lines.lineAt(first)), first));
  return Math.min(col(w, first) - (props ? props[0].length : 0), map.range ? col(w, map.range[0]) : Infinity);
}

/** A comment line may be inserted at the start of `line` (not inside a multi-line scalar or flow collection). */
export function canInsertLineAt(w: Writer, line: number): boolean {
  const at = w.unit.lines.lineStart(line);
  // After a lone `\r` is a new line for the editor but not for the yaml parser: a line put there would join the one before.
  if (w.text[at - 1] === '\r') return false;
  return !docIndex(w.unit).multiline.some((s) => s.start < at && at < s.end);
}

function lineHasComment(w: Writer, line: number): boolean {
  const start = w.unit.lines.lineStart(line);
  const end = w.unit.lines.lineEnd(line);
  return w.unit.comments.some((c) => c.offset >= start && c.offset < end);
}

/** A trailing `# …` for the line holding `offset`, where one can go (plain rendering only). */
function trailingComment(w: Writer, offset: number, todos: string[]): TextEdit[] {
  if (todos.length === 0) return [];
  const li = w.unit.lines;
  const line = li.lineAt(offset);
  const end = li.lineEnd(line);
  const inFlow = docIndex(w.unit).multiline.some((s) => s.start < end && end < s.end);
  const text = `# ${flowTodo(todos)}`;
  if (!lineHasComment(w, line) && !inFlow && canInsertLineAt(w, line + 1)) return [{ start: end, end, newText: plainOnly(`  ${text}`) }];
  // The line has its own comment: a comment line above it (not above the first line of a unit without
  // `id`, which is where its unit-level findings point).
  if (canInsertLineAt(w, line) && !(line === 0 && !w.unit.id)) {
    const start = li.lineStart(line);
    const indent = /^[ \t]*/.exec(li.lineText(line))![0];
    const at = line === 0 && w.text.startsWith('\ufeff') ? start + 1 : start;
    return [{ start: at, end: at, newText: plainOnly(`${indent}${text}${w.style.eol}`) }];
  }
  return [];
}

// ---------------------------------------------------------------------------
// Edits.

/**
 * Adds `key: value` to a written mapping, after the last of `after` present
 * (the keys that come before it in the spec's order), else before the first
 * key. Block or flow, as the mapping is written.
 */
export function insertKey(w: Writer, map: YAMLMap, key: string, value: YVal, after: readonly string[]): TextEdit[] | undefined {
  if (!map.range) return undefined;
  const pairs = map.items as Pair<unknown, unknown>[];
  // A collection as a key (`? metrics: […]` — a unit never needs one): the parser reads what follows it
  // leniently, so no column is sure to add a key at; no edit rather than one that breaks the YAML.
  if (pairs.some((p) => isCollection(p.key))) return undefined;
  let anchor: Pair<unknown, unknown> | undefined;
  for (const p of pairs) if (after.includes(keyName(p) ?? '')) anchor = p;
  if (map.flow) {
    const todos: string[] = [];
    const entry = `${key}: ${renderFlow(w, value, todos)}`;
    if (pairs.length === 0) {
      const at = map.range[0] + 1;
      const sp = w.style.flowSpaces ? ' ' : '';
      return mergeSameOffset([{ start: at, end: at, newText: `${sp}${entry}${sp}` }, ...trailingComment(w, map.range[1], todos)]);
    }
    if (anchor) {
      const at = contentEnd(w.text, anchor);
      return mergeSameOffset([{ start: at, end: at, newText: `, ${entry}` }, ...trailingComment(w, at, todos)]);
    }
    const first = (pairs[0].key as Node | null)?.range?.[0];
    if (first === undefined) return undefined;
    return mergeSameOffset([{ start: first, end: first, newText: `${entry}, ` }, ...trailingComment(w, first, todos)]);
  }
  const firstKey = pairs[0] ? entryStart(w, pairs[0]) : undefined;
  const keyCol = mapColumn(w, map);
  if (firstKey === undefined || keyCol === undefined) return undefined;
  const lines = renderEntries(w, [[key, value]], keyCol, alignment(w, anchor ?? pairs[0]));
  const { eol } = w.style;
  if (!anchor && startsLine(w, firstKey)) {
    const at = w.unit.lines.lineStart(w.unit.lines.lineAt(firstKey));
    return [{ start: at, end: at, newText: lines.join(eol) + eol }];
  }
  const after_ = anchor ?? pairs[0];
  const at = w.unit.lines.lineEnd(blockEnd(w, lastLineOf(w, after_), keyCol));
  return [{ start: at, end: at, newText: eol + lines.join(eol) }];
}

/** Where a neighbour's value starts, relative to its key, when it is padded to line up with others. */
function alignment(w: Writer, p: Pair<unknown, unknown>): number | undefined {
  const key = p.key as Node | null;
  const value = p.value as Node | null;
  if (!key?.range || !value?.range || w.unit.lines.lineAt(key.range[0]) !== w.unit.lines.lineAt(value.range[0])) return undefined;
  const offset = value.range[0] - key.range[0];
  const keyText = w.text.slice(key.range[0], key.range[1]);
  return offset > keyText.length + 2 ? offset : undefined;
}

/**
 * Gives a written key without a value (`key:`, `key: ~`, `key: []`) its
 * value. A block value goes on the lines after the key; an inline one
 * replaces the empty value.
 */
export function setValue(w: Writer, pair: Pair<unknown, unknown>, parentFlow: boolean, value: YVal): TextEdit[] | undefined {
  const key = pair.key as Node | null;
  if (!key?.range || !isUnwritten(pair.value)) return undefined;
  const v = pair.value as Node | null;
  const token = v?.range && v.range[1] > v.range[0] ? { start: v.range[0], end: trimBack(w.text, v.range[0], v.range[1]) } : undefined;
  const colon = w.text.indexOf(':', key.range[1]);
  if (colon < 0) return undefined;
  const block = !parentFlow && ((isYMap(value) && !value.flow && value.map.length > 0) || (isYSeq(value) && !value.flow && value.seq.length > 0));
  const { lines } = w.unit;
  if (!block) {
    const todos: string[] = [];
    const inline = isYMap(value) || isYSeq(value) ? renderFlow(w, value, todos) : value.s;
    if (!isYMap(value) && !isYSeq(value) && value.todo) todos.push(value.todoKey ?? value.todo);
    const edit = token ? { start: token.start, end: token.end, newText: inline } : { start: colon + 1, end: colon + 1, newText: ` ${inline}` };
    return mergeSameOffset([edit, ...trailingComment(w, edit.end, todos)]);
  }
  const keyCol = col(w, key.range[0]);
  const rendered = renderEntries(w, [['\u0000', value]], keyCol).slice(1);
  const { eol } = w.style;
  if (!token) {
    const at = lines.lineEnd(lines.lineAt(key.range[0]));
    return [{ start: at, end: at, newText: eol + rendered.join(eol) }];
  }
  // `key: []  # note` → `key:  # note` and the block below.
  const lineEnd = lines.lineEnd(lines.lineAt(token.end));
  return [{ start: colon + 1, end: lineEnd, newText: w.text.slice(token.end, lineEnd) + eol + rendered.join(eol) }];
}

/** Sets `key` in a written mapping: fills it when written without a value, adds it otherwise. */
export function upsertKey(w: Writer, map: YAMLMap, key: string, value: YVal, after: readonly string[]): TextEdit[] | undefined {
  const existing = pairIn(map, key);
  if (existing) return isUnwritten(existing.value) ? setValue(w, existing, !!map.flow, value) : undefined;
  return insertKey(w, map, key, value, after);
}

/** Appends an item to a written list. */
export function appendItem(w: Writer, seq: YAMLSeq, item: YVal): TextEdit[] | undefined {
  if (!seq.range) return undefined;
  const items = seq.items as unknown[];
  if (seq.flow) {
    const todos: string[] = [];
    const text = renderFlow(w, item, todos);
    if (items.length === 0) {
      const at = seq.range[0] + 1;
      return mergeSameOffset([{ start: at, end: at, newText: text }, ...trailingComment(w, seq.range[1], todos)]);
    }
    const at = contentEnd(w.text, items[items.length - 1]);
    return mergeSameOffset([{ start: at, end: at, newText: `, ${text}` }, ...trailingComment(w, at, todos)]);
  }
  if (items.length === 0) return undefined;
  const dashCol = col(w, seq.range[0]);
  const at = w.unit.lines.lineEnd(blockEnd(w, lastLineOf(w, items[items.length - 1]), dashCol));
  const { eol } = w.style;
  return [{ start: at, end: at, newText: eol + renderItem(w, item, dashCol).join(eol) }];
}

/** The spec's order of top-level keys: the header, then the elements. */
const TOP_RANK: Record<string, number> = topLevelRanks();

/** Header keys rank 0; each block after them ranks by its place in the description. */
function topLevelRanks(): Record<string, number> {
  const ranks: Record<string, number> = {};
  let block = 0;
  for (const k of BLOCKS.UNIT.keys) ranks[k.key] = blockOf(k) ? ++block : 0;
  return ranks;
}

/**
 * A top-level block, where a reader expects it: after the last key that
 * comes before it in the spec's order, with a blank line before (and after,
 * when text follows directly). When the key is written without a value, the
 * value goes under it instead.
 */
export function setTopLevel(w: Writer, key: string, value: YVal): TextEdit[] | undefined {
  const root = rootMap(w.unit);
  if (!root || root.items.length === 0) return undefined;
  const existing = pairIn(root, key);
  if (existing) return isUnwritten(existing.value) ? setValue(w, existing, false, value) : undefined;
  const rank = TOP_RANK[key];
  const pairs = root.items as Pair<unknown, unknown>[];
  let pred: Pair<unknown, unknown> | undefined;
  for (const p of pairs) {
    const r = TOP_RANK[keyName(p) ?? ''];
    if (r !== undefined && r < rank) pred = p;
  }
  const firstKey = entryStart(w, pairs[0]);
  const keyCol = mapColumn(w, root);
  if (firstKey === undefined || keyCol === undefined) return undefined;
  // Without an `id`, unit-level findings point at the first line: a block goes at the end rather than take it.
  if (!pred && !w.unit.id && w.unit.lines.lineAt(firstKey) === 0) pred = pairs[pairs.length - 1];
  const lines = renderEntries(w, [[key, value]], keyCol);
  const { eol } = w.style;
  const li = w.unit.lines;
  if (pred) {
    const last = blockEnd(w, lastLineOf(w, pred), keyCol);
    const at = li.lineEnd(last);
    const next = last + 1 < li.lineCount ? li.lineText(last + 1) : undefined;
    const trailer = next !== undefined && next.trim() !== '' && li.lineStart(last + 1) < w.text.length ? eol : '';
    return [{ start: at, end: at, newText: eol + eol + lines.join(eol) + trailer }];
  }
  const at = li.lineStart(li.lineAt(firstKey));
  if (!startsLine(w, firstKey)) return undefined;
  return [{ start: at, end: at, newText: lines.join(eol) + eol + eol }];
}

/** Edits at the same offset become one (a value and the comment after it on the same line). */
export function mergeSameOffset(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === o.end && e.start === e.end && o.start === e.start);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** Anchors defined in a subtree that an alias elsewhere refers to: removing the subtree would break the alias. */
export function definesUsedAnchor(unit: UnitModel, node: unknown): boolean {
  const { aliased } = docIndex(unit);
  let used = false;
  const walk = (n: unknown): void => {
    if (used || !n) return;
    if (isPair(n)) {
      walk(n.key);
      walk(n.value);
      return;
    }
    const a = (n as { anchor?: string }).anchor;
    if (a && aliased.has(a)) used = true;
    if (isCollection(n)) for (const item of n.items as unknown[]) walk(item);
  };
  walk(node);
  return used;
}


