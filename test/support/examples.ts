/**
 * The examples as tests read them. `withoutLearning` gives a unit as drafted before its learning loop was
 * written down — invoice-matching without the `learning` block it got for its log — the shape the tests of
 * a missing fourth element ("3 of 4 — no learning loop") need.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLES = join(__dirname, '..', '..', 'examples');

export const example = (name: string): string => readFileSync(join(EXAMPLES, `${name}.workunit.yaml`), 'utf8');

/** The text with its top-level `learning` block (and the blank line before it) taken out. */
export function withoutLearning(text: string): string {
  const cut = text.replace(/\n*^learning:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)(?:\n|$))*/m, '\n');
  if (cut === text) throw new Error('the text has no top-level learning block');
  return cut;
}
