/**
 * Silencing a finding where the reason belongs next to it: a
 * `# workunit-disable-next-line RULE -- reason` line above the finding's
 * line, at its indentation, or a `# workunit-disable RULE -- reason` line at
 * the top of the file (after a leading comment block and `---`).
 */
import { canInsertLineAt, type Writer } from './yamlEdit';
import type { FixContext } from './common';
import { canBeSilenced } from '../rules/registry';
import { ph, type FixDraft } from './snippet';

const BOM = '\ufeff';

function lineText(w: Writer, line: number): string {
  const t = w.unit.lines.lineText(line);
  return line === 0 && t.startsWith(BOM) ? t.slice(1) : t;
}

/** The start of a line, after a byte-order mark on the first. */
function insertionPoint(w: Writer, line: number): number {
  const at = w.unit.lines.lineStart(line);
  return line === 0 && w.text.startsWith(BOM) ? at + 1 : at;
}

function nextLine(ctx: FixContext): FixDraft | undefined {
  const { unit, finding, w } = ctx;
  const line = unit.lines.lineAt(finding.span.start);
  // Without an `id`, unit-level findings point at the file's first line, whatever it holds: a line above would take their place.
  if (line === 0 && !unit.id) return undefined;
  const text = lineText(w, line);
  // A comment line (an unused name in a directive): `next-line` would skip to the next code line.
  if (/^\s*#/.test(text)) return undefined;
  // Never inside a multi-line flow collection or scalar: the directive must stand on its own line, above the finding's.
  if (!canInsertLineAt(w, line)) return undefined;
  const indent = /^[ \t]*/.exec(text)![0];
  const at = insertionPoint(w, line);
  return {
    title: `Suppress \`${finding.rule}\` on this line`,
    edits: [{ start: at, end: at, newText: `${indent}# workunit-disable-next-line ${finding.rule} -- ${ph('reason')}${w.style.eol}` }],
  };
}

function inFile(ctx: FixContext): FixDraft | undefined {
  const { unit, finding, w } = ctx;
  const li = unit.lines;
  const { eol } = w.style;
  let line = 0;
  while (line < li.lineCount && /^\s*(#.*)?$/.test(lineText(w, line))) line++;
  let k = line;
  while (k < li.lineCount && lineText(w, k).startsWith('%')) k++;
  if (k < li.lineCount && /^---[ \t]*(#.*)?$/.test(lineText(w, k))) line = k + 1;
  else if (k !== line) return undefined;
  // Without an `id`, the first line is where unit-level findings point: keep it first.
  if (line === 0 && !unit.id) line = 1;
  const directive = `# workunit-disable ${finding.rule} -- ${ph('reason')}`;
  const title = `Suppress \`${finding.rule}\` in this file`;
  if (line >= li.lineCount) {
    const at = w.text.length;
    const lead = w.text.length === 0 || /[\r\n]$/.test(w.text) ? '' : eol;
    return { title, edits: [{ start: at, end: at, newText: `${lead}${directive}${eol}` }] };
  }
  if (!canInsertLineAt(w, line)) return undefined;
  const at = insertionPoint(w, line);
  return { title, edits: [{ start: at, end: at, newText: `${directive}${eol}` }] };
}

export function suppressionFixes(ctx: FixContext): FixDraft[] {
  if (!canBeSilenced(ctx.finding.rule)) return [];
  return [nextLine(ctx), inFile(ctx)].filter((d): d is FixDraft => d !== undefined);
}
