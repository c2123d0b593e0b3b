/**
 * The one parser: text → YAML document with source ranges, its comments and
 * its syntax errors. Errors are returned as data, never thrown.
 *
 * The CST is built once and fed to the composer, so collecting comments (for
 * suppression directives) costs no second parse.
 */
import { Composer, Document, Parser } from 'yaml';
import type { Span } from '../text/span';

export interface Comment {
  /** The comment text including its leading `#`. */
  text: string;
  /** Offset of the `#`. */
  offset: number;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
  code: string;
}

export interface ParsedText {
  text: string;
  doc: Document.Parsed;
  /** Comments in source order. Only collected when `collectComments` says so. */
  comments: Comment[];
  syntaxErrors: SyntaxProblem[];
}

/** Options shared by every parse, so the editor and the CLI read YAML alike. */
const COMPOSE_OPTIONS = {
  // `<<: *defaults` is common in hand-written YAML; honour it.
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // Beyond this, expanding aliases is a resource attack ("billion laughs").
  maxAliasCount: 1000,
} as const;

export function parseText(text: string, opts: { collectComments?: boolean } = {}): ParsedText {
  const tokens = Array.from(new Parser().parse(text));
  const docs = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)) as Document.Parsed[];
  const doc = docs[0];
  const syntaxErrors: SyntaxProblem[] = doc.errors.map((e) => ({
    code: e.code,
    message: firstLine(e.message),
    span: { start: e.pos[0], end: e.pos[1] },
  }));
  for (const extra of docs.slice(1)) {
    const start = extra.range[0];
    syntaxErrors.push({
      code: 'MULTIPLE_DOCS',
      message: 'A work unit file holds one YAML document; this file has more than one (remove the extra `---`).',
      span: { start, end: Math.min(text.length, start + 3) },
    });
    for (const e of extra.errors) {
      syntaxErrors.push({ code: e.code, message: firstLine(e.message), span: { start: e.pos[0], end: e.pos[1] } });
    }
  }
  const comments = opts.collectComments === false ? [] : collectComments(tokens);
  return { text, doc, comments, syntaxErrors };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // The yaml library appends " at line N, column M"; the range already says where.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Walks the CST (plain objects) and gathers every comment token, in order. */
function collectComments(tokens: unknown[]): Comment[] {
  const out: Comment[] = [];
  const stack: unknown[] = [...tokens].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const tok = node as { type?: string; source?: string; offset?: number };
    if (tok.type === 'comment' && typeof tok.source === 'string' && typeof tok.offset === 'number') {
      out.push({ text: tok.source, offset: tok.offset });
      continue;
    }
    const children: unknown[] = [];
    for (const key of ['start', 'key', 'sep', 'value', 'items', 'end', 'props']) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== undefined) children.push(child);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
