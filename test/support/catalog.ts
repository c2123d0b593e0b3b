/**
 * Generated catalogs of copies of onboarding-review — the brief's sample as given
 * (test/fixtures/edge/examples/), frozen so that the goldens and the bench do
 * not move when examples/ does — for the
 * big-catalog test (test/cli/bigCatalog.test.ts) and the benchmark's
 * 10,000- and 100,000-unit rows. Deterministic: the same `units` give the
 * same files, byte for byte.
 *
 * Each unit gets its own id (`unit-00042`) and one of `units / 10` value
 * streams of ten units, in a folder per value stream; the mix brings every
 * kind of output: findings of file rules (an unknown performer, a missing
 * learning loop, an unused actor), catalog findings (every 97th unit repeats
 * an earlier id; `stream-0000` is oversized), a suppression of a catalog rule
 * that silences one and one that silences nothing, files that are not valid
 * YAML, an empty file, and an ignored draft.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ONBOARDING = readFileSync(resolve(__dirname, '../fixtures/edge/examples/onboarding-review.workunit.yaml'), 'utf8');
const pad = (n: number) => String(n).padStart(5, '0');

/** The text of unit `i` of the generated catalog. */
export function catalogUnitText(i: number): string {
  let id = `unit-${pad(i)}`;
  if (i > 0 && i % 97 === 0) id = `unit-${pad(i - 50)}`; // a duplicate id
  // Ten units per value stream, but stream-0000 also takes every 200th unit: oversized.
  const stream = i % 200 === 1 ? 'stream-0000' : `stream-${String(Math.floor(i / 10)).padStart(4, '0')}`;
  let text = ONBOARDING.replace('id: onboarding-review', `id: ${id}`)
    .replace('valueStream: customer-onboarding', `valueStream: ${stream}`)
    .replace('name: Customer onboarding case review', `name: Case review number ${i}`);
  if (i % 7 === 3) text = text.replace(/\nlearning:[\s\S]*$/, '\n'); // no learning loop
  if (i % 11 === 5) text = text.replace('    performer: crm\n', '    performer: crm-bot\n'); // an unknown actor
  if (i % 13 === 6) text = text.replace('  crm:             { kind: automation, system: CRM workflow }\n', '  crm:             { kind: automation, system: CRM workflow }\n  auditor:         { kind: human, role: Auditor }\n'); // an unused actor
  if (i === 194) text = text.replace(`id: ${id}`, `# workunit-disable-next-line duplicate-unit-id -- a known copy\nid: ${id}`);
  if (i === 300) text = text.replace(`valueStream: ${stream}`, `# workunit-disable-next-line value-stream-size -- nothing to silence\nvalueStream: ${stream}`);
  if (i % 250 === 17) text = `${text}steps: [unclosed\n`; // not valid YAML
  if (i === 499) text = '';
  return text;
}

/** Where unit `i` goes, relative to the catalog's folder. */
export function catalogUnitPath(i: number): string {
  return join(`stream-${String(Math.floor(i / 10)).padStart(4, '0')}`, `unit-${pad(i)}.workunit.yaml`);
}

/** Writes a catalog of `units` units into `dir`, with a config that ignores `drafts/**`. */
export function writeCatalog(dir: string, units: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'workunit.config.yaml'), 'ignore: [drafts/**]\nrules:\n  unused-actor: warning\n');
  mkdirSync(join(dir, 'drafts'), { recursive: true });
  writeFileSync(join(dir, 'drafts', 'draft.workunit.yaml'), catalogUnitText(1));
  for (let i = 0; i < units; i++) {
    const path = join(dir, catalogUnitPath(i));
    if (i % 10 === 0) mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, catalogUnitText(i));
  }
}
