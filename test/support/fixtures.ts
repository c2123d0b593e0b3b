/**
 * Fixture files carry their expectations inline:
 *   `# expect: rule-a, rule-b(text)` at the end of the line where each
 * finding's range starts; `(text)` pins the exact text the range covers.
 * See test/fixtures/README.md.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Expectation {
  line: number;
  rule: string;
  text?: string;
}

const MARKER = /#\s*expect:\s*(.*)$/;

export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const m = MARKER.exec(lineText);
    if (!m) return;
    // Split on commas that are not inside parentheses.
    let depth = 0;
    let current = '';
    const items: string[] = [];
    for (const ch of m[1]) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) {
        items.push(current);
        current = '';
      } else current += ch;
    }
    items.push(current);
    for (const raw of items) {
      const item = raw.trim();
      if (!item) continue;
      const im = /^([a-z][a-z-]*)(?:\((.*)\))?$/.exec(item);
      if (!im) throw new Error(`Bad expectation \`${item}\` on line ${line + 1}`);
      out.push({ line, rule: im[1], text: im[2] });
    }
  });
  return out;
}

export function findFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findFixtures(full));
    else if (/\.workunit\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

export interface Actual {
  line: number;
  rule: string;
  text: string;
}

/** Compares actual findings with the expectations; returns human-readable differences. */
export function diffFindings(expected: Expectation[], actual: Actual[]): string[] {
  const remaining = [...actual];
  const problems: string[] = [];
  for (const e of expected) {
    const i = remaining.findIndex((a) => a.line === e.line && a.rule === e.rule && (e.text === undefined || a.text === e.text));
    if (i >= 0) remaining.splice(i, 1);
    else {
      const near = actual.filter((a) => a.rule === e.rule).map((a) => `line ${a.line + 1} [${a.text}]`);
      problems.push(`missing ${e.rule}${e.text !== undefined ? `(${e.text})` : ''} on line ${e.line + 1}${near.length ? ` (found at ${near.join(', ')})` : ''}`);
    }
  }
  for (const a of remaining) problems.push(`unexpected ${a.rule}(${a.text}) on line ${a.line + 1}`);
  return problems;
}
