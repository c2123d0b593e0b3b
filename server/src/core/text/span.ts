/** A half-open range of UTF-16 offsets into a document's text: `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

export function spanText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
