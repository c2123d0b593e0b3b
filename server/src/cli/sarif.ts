/**
 * `workunit lint --format sarif`: SARIF 2.1.0, as GitHub code scanning (and
 * any other SARIF consumer) reads it.
 *
 * - One run; `tool.driver` lists EVERY rule (not only those that fired), each
 *   with its summary, its docs page and its default level, so a consumer can
 *   show a rule it has not seen a result for. Results point at their rule by
 *   `ruleId` and `ruleIndex`.
 * - Levels: error → `error`, warning → `warning`, info and hint → `note`
 *   (SARIF has no fourth level; `none` would mean "not a problem").
 * - Locations: the file relative to the current folder, forward slashes,
 *   percent-encoded, against `%SRCROOT%` — run it from the repository root,
 *   as CI does. (A file outside the current folder gets an absolute `file:`
 *   URI instead.) `originalUriBaseIds` is left out on purpose: the output then
 *   does not depend on the machine it was made on, and GitHub resolves
 *   `%SRCROOT%` to the checkout.
 * - Regions: 1-based lines and columns; columns count UTF-16 code units, as the
 *   core and editors do, declared by `columnKind`; `endColumn` is the column
 *   just after the last character (SARIF's convention).
 * - `partialFingerprints["workunitFinding/v1"]`: a hash of the rule, the file
 *   and the trimmed text of the line the finding starts on, plus `:n` for the
 *   n-th result with the same three: a result keeps its identity when lines
 *   are inserted above it or the file is re-indented, and changes when the
 *   line itself changes.
 */
import { elementStatus } from '../core/navigation/elements';
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, ruleDocsUrl } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { VERSION } from '../version';
import { ARRAY_SLOT, type ReportedFile } from './lintReport';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/work-unit-studio/work-unit-studio';
export const FINGERPRINT_KEY = 'workunitFinding/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `missing-learning-loop` → `MissingLearningLoop`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** A display path (see `displayPath`) as a SARIF artifact location. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** The file's entry in `artifacts`: its location, and its element status in the spec's words. */
export function sarifArtifact(r: ReportedFile): object {
  return {
    location: artifactLocation(r.file),
    ...(r.analysis.parsed ? { properties: { elementStatus: elementStatus(r.analysis.unit, r.analysis.findings).label } } : {}),
  };
}

/** The file's results, pointing at its artifact by `index` (its place in `artifacts`). */
export function sarifResults(r: ReportedFile, index: number): object[] {
  const { lines } = r.analysis.unit;
  const seen = new Map<string, number>();
  const results: object[] = [];
  for (const f of r.findings) {
    const range = lines.rangeOf(f.span);
    const lineText = r.analysis.unit.text.slice(lines.lineStart(range.start.line), lines.lineEnd(range.start.line)).trim();
    const hash = createHash('sha256').update(`${f.rule}\0${r.file}\0${lineText}`).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { ...artifactLocation(r.file), index },
            region: {
              startLine: range.start.line + 1,
              startColumn: range.start.character + 1,
              endLine: range.end.line + 1,
              endColumn: range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
    };
    // An unknown id cannot come out of the analysis, but a result must never point at the wrong rule.
    const i = RULE_INDEX.get(f.rule);
    if (i !== undefined) result.ruleIndex = i;
    results.push(orderKeys(result, ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints']));
  }
  return results;
}

const RULE_INDEX = new Map<string, number>(ALL_RULES.map((r, i) => [r.id, i]));

/**
 * The SARIF document around its two lists, which a run of any size streams
 * (cli/lintFiles.ts): `artifacts` and `results` stand as `ARRAY_SLOT` in
 * the document as `JSON.stringify(…, null, 2)` writes it. Returns the text
 * before the artifacts, between the two lists and after the results.
 */
export function sarifFrame(): [string, string, string] {
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.summary },
    fullDescription: {
      text: `${r.summary} ${r.scope === 'catalog' ? 'Checked across the units of a catalog (when a folder is linted).' : r.scope === 'measured' ? 'Checked where the unit\'s log is measured (the editor; not `workunit lint`).' : 'Checked in each unit file.'} Default level: ${r.defaultLevel}.`,
    },
    helpUri: ruleDocsUrl(r.id),
    help: { text: `${r.summary}\n\nSee ${ruleDocsUrl(r.id)}`, markdown: `${r.summary}\n\n[${r.id}](${ruleDocsUrl(r.id)})` },
    defaultConfiguration: { level: sarifLevel(r.defaultLevel) },
  }));
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'workunit',
            fullName: 'Work Unit Studio (workunit lint)',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        artifacts: ARRAY_SLOT,
        results: ARRAY_SLOT,
      },
    ],
  };
  const [head, middle, tail] = JSON.stringify(doc, null, 2).split(JSON.stringify(ARRAY_SLOT));
  return [head, middle, `${tail}\n`];
}

function orderKeys(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in o) out[k] = o[k];
  return out;
}
