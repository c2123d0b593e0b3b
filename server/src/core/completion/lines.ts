/**
 * Reading the text line by line, the way a person reads YAML: indentation,
 * `- ` list markers and `key:` heads. Completion works from this rather than
 * from the YAML AST because while someone types, the file is usually not
 * valid YAML — but each line on its own still says where it sits.
 */
import { LineIndex } from '../text/lineIndex';

/** Something on a line that opens a child: a list marker or a key. */
export type Opener =
  | { type: 'dash'; col: number; /** Where the item's content starts (after `- `). */ contentCol: number; /** The item's scalar text, comment stripped, when it holds no key. */ item: string }
  | { type: 'key'; col: number; key: string; /** Column after `key:` and its spaces. */ valueCol: number; /** The value on this line, comment stripped and trimmed. */ value: string };

export interface Line {
  index: number;
  /** Offset of the line's first character (after a BOM on the first line). */
  start: number;
  /** The line's content without its line break (and without a BOM). */
  text: string;
  /** Leading spaces and tabs (tabs are not YAML indentation, but must not break anything). */
  indent: number;
  /** Empty or whitespace only. */
  blank: boolean;
  /** The first non-blank character is `#`. */
  comment: boolean;
  /** Dashes, then at most one key, in column order. */
  openers: Opener[];
}

/** Lines by index, each read on first use: completion reads a few hundred lines of a file, not all of it. */
export interface Lines {
  count: number;
  line(i: number): Line;
}

export class TextLines implements Lines {
  readonly index: LineIndex;
  readonly count: number;
  /** The file's line break, reused in multi-line inserts. */
  readonly eol: string;
  private readonly cache: (Line | undefined)[];
  private style?: { unit: number; listsIndented: boolean };

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    this.count = this.index.lineCount;
    this.cache = new Array<Line | undefined>(this.count);
    this.eol = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) && !/\n/.test(text) ? '\r' : '\n';
  }

  line(i: number): Line {
    const cached = this.cache[i];
    if (cached) return cached;
    let start = this.index.lineStart(i);
    // A BOM is not content: it must not count as indentation or as a key.
    if (i === 0 && this.text.charCodeAt(0) === 0xfeff) start = Math.min(1, this.text.length);
    const end = Math.max(start, this.index.lineEnd(i));
    const l = parseLine(i, start, this.text.slice(start, end));
    this.cache[i] = l;
    return l;
  }

  /** The file's indentation step (2 unless the file shows another). */
  get unit(): number {
    return this.layout().unit;
  }

  /** Whether list items sit indented under their key (`steps:\n  - id`) rather than at its column (`steps:\n- id`). */
  get listsIndented(): boolean {
    return this.layout().listsIndented;
  }

  /** The style is read from the top of the file: a few hundred lines show it as well as all of them. */
  private layout(): { unit: number; listsIndented: boolean } {
    if (!this.style) {
      const sample: Line[] = [];
      for (let i = 0; i < Math.min(this.count, STYLE_SAMPLE); i++) sample.push(this.line(i));
      this.style = { unit: detectUnit(sample), listsIndented: detectListStyle(sample) };
    }
    return this.style;
  }
}

const STYLE_SAMPLE = 400;

/** A plain word of the format: keys, ids, enum values (kebab-case ids may hold letters like ß or é). */
export const WORD_CHAR = /[\p{L}\p{N}_-]/u;

export function readLines(text: string): TextLines {
  return new TextLines(text);
}

export function parseLine(index: number, start: number, text: string): Line {
  let indent = 0;
  while (indent < text.length && (text[indent] === ' ' || text[indent] === '\t')) indent++;
  const blank = indent === text.length;
  const comment = !blank && text[indent] === '#';
  const openers: Opener[] = [];
  if (!blank && !comment) {
    let i = indent;
    // `- ` markers (several for a list inside a list: `- - a`).
    while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      openers.push({ type: 'dash', col: i, contentCol: j, item: '' });
      i = j;
    }
    const key = matchKey(text, i);
    if (key) {
      openers.push({ type: 'key', col: i, key: key.key, valueCol: key.valueCol, value: stripComment(text.slice(key.valueCol)).trim() });
    } else if (openers.length > 0) {
      const last = openers[openers.length - 1] as Extract<Opener, { type: 'dash' }>;
      last.item = unquote(stripComment(text.slice(i)).trim());
    }
  }
  return { index, start, text, indent, blank, comment, openers };
}

/** A `key:` head at column `at`: a plain or quoted key, then `:` followed by a space or the end of the line. */
export function matchKey(text: string, at: number): { key: string; valueCol: number } | undefined {
  const rest = text.slice(at);
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:][^#]*?)[ \t]*:(?=[ \t]|$)/.exec(rest);
  if (!m) return undefined;
  let valueCol = at + m[0].length;
  while (valueCol < text.length && (text[valueCol] === ' ' || text[valueCol] === '\t')) valueCol++;
  return { key: unquote(m[1]), valueCol };
}

export function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** A value without its trailing `# comment` (a `#` starts a comment only after a space, outside quotes). */
export function stripComment(s: string): string {
  let i = 0;
  const q = s[0];
  if (q === '"' || q === "'") {
    // Skip the quoted scalar; an apostrophe inside plain text must not count as a quote.
    i = 1;
    while (i < s.length && s[i] !== q) i += s[i] === '\\' && q === '"' ? 2 : 1;
  }
  for (; i < s.length; i++) {
    if (s[i] === '#' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t')) return s.slice(0, i);
  }
  return s;
}

/** A value that leaves the key's content to the following lines: nothing, or only an anchor or a tag. */
export function opensBlock(value: string): boolean {
  return /^(?:(?:&\S+|!\S*)\s*)*$/.test(value);
}

/**
 * The file's indentation step: the smallest positive difference between a
 * line and the line it nests under. Falls back to 2 (the examples' style).
 */
function detectUnit(lines: Line[]): number {
  const counts = new Map<number, number>();
  let prev: Line | undefined;
  for (const l of lines) {
    if (l.blank || l.comment || l.openers.length === 0) continue;
    if (prev) {
      const last = prev.openers[prev.openers.length - 1];
      const parentCol = last.type === 'key' && opensBlock(last.value) ? last.col : undefined;
      if (parentCol !== undefined && l.indent > parentCol) {
        const d = l.indent - parentCol;
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
    }
    prev = l;
  }
  let best = 2;
  let bestCount = 0;
  for (const [d, n] of counts) if (d >= 2 && d <= 8 && (n > bestCount || (n === bestCount && d < best))) [best, bestCount] = [d, n];
  return best;
}

/** Lists under a key: indented (`key:\n  - a`, the examples' style) or at the key's column (`key:\n- a`). */
function detectListStyle(lines: Line[]): boolean {
  let indented = 0;
  let compact = 0;
  let prev: Line | undefined;
  for (const l of lines) {
    if (l.blank || l.comment) continue;
    const last = prev?.openers[prev.openers.length - 1];
    if (last?.type === 'key' && opensBlock(last.value) && l.openers[0]?.type === 'dash') {
      if (l.indent === last.col) compact++;
      else if (l.indent > last.col) indented++;
    }
    prev = l;
  }
  return indented >= compact;
}
