/**
 * Offsets inside the core, line/column only at the edges: this index converts
 * between the two, once per document version. Columns are UTF-16 code units,
 * which is what LSP positions and SARIF's default `utf16CodeUnits` count, and
 * what JavaScript string offsets already are. `\r\n`, `\n` and a lone `\r`
 * each end a line.
 */
import type { Span } from './span';
import { lastAtOrBefore } from '../sorted';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding `offset` (clamped into the text). */
  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    let end = l + 1 < this.starts.length ? this.starts[l + 1] : this.text.length;
    while (end > this.starts[l] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  /** The span of a whole line's content (used where the spec says "the first line"). */
  lineSpan(line: number): Span {
    return { start: this.lineStart(line), end: this.lineEnd(line) };
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(s: Span): { start: Position; end: Position } {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }
}
