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

/** The element summary of a unit whose four elements are all complete (onboarding-review, incident-triage). */
export const ALL_COMPLETE = {
  outcome: true,
  logic: true,
  structure: true,
  learning: true,
  count: 4,
  label: '4 of 4 elements complete',
  states: { outcome: 'complete', logic: 'complete', structure: 'complete', learning: 'complete' },
  lines: ['✓ 1. outcome: complete', '✓ 2. execution logic: complete', '✓ 3. execution structure: complete', '✓ 4. learning loop: complete'],
} as const;
