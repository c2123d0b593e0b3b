/**
 * The catalog report as GitHub-flavoured Markdown: an overview table, a
 * section per value stream with a subsection per unit (elements, steps by
 * mode, boundary, metrics before → after, findings), then the findings by
 * rule. Every string from a unit file goes through `core/text/markdown`: it
 * can neither break a table (`|`, line breaks) nor become markup (`<b>`,
 * `*`, `[link](…)`, a bare URL).
 */
import { boundaryRows, ELEMENT_COLUMNS, findingsSummary, levels, mark, measuredParts, MODE_COLUMNS, overview, plural, unitTitle } from './labels';
import type { CatalogReport, CatalogUnit } from './report';
import { mdCode, mdText } from '../text/markdown';

export function renderMarkdown(r: CatalogReport): string {
  const out: string[] = [];
  out.push('# Work unit catalog', '', ownText(overview(r)), '');

  if (r.totals.files === 0) {
    out.push('No work unit files (`*.workunit.yaml`, `*.workunit.yml`) were found.', '');
    return out.join('\n');
  }

  out.push(
    table(
      ['value stream', 'unit', 'name', ...ELEMENT_COLUMNS.map((c) => c.label), 'steps', 'crossings', 'hand-offs', 'findings'],
      r.valueStreams.flatMap((vs) =>
        vs.units.map((u) => [
          vs.none ? ownText(vs.name) : code(vs.name),
          code(unitTitle(u)),
          mdText(u.name ?? ''),
          ...ELEMENT_COLUMNS.map((c) => mark(u.elements.states[c.key])),
          String(u.steps.total),
          String(u.boundary.crossings.length),
          String(u.boundary.handoffs.length),
          ownText(findingsSummary(u.findings)),
        ]),
      ),
      ['l', 'l', 'l', 'c', 'c', 'c', 'c', 'r', 'r', 'r', 'l'],
    ),
    '',
  );

  for (const vs of r.valueStreams) {
    out.push(`## ${vs.none ? ownText(vs.name) : `Value stream ${code(vs.name, false)}`} (${plural(vs.units.length, 'unit')})`, '');
    for (const u of vs.units) out.push(...unitSection(u));
  }

  out.push('## Findings by rule', '');
  if (r.findingsByRule.length === 0) out.push('No findings.', '');
  else
    out.push(
      table(
        ['rule', 'level', 'findings', 'files', 'what it means'],
        r.findingsByRule.map((f) => [
          code(f.rule),
          levels(f.bySeverity),
          String(f.count),
          f.files.map((x) => `${code(x.file)}${x.count > 1 ? ` (${x.count})` : ''}`).join(', '),
          ownText(f.summary),
        ]),
        ['l', 'l', 'r', 'l', 'l'],
      ),
      '',
    );
  return out.join('\n');
}

function unitSection(u: CatalogUnit): string[] {
  const out: string[] = [];
  out.push(`### ${code(unitTitle(u), false)}${u.name !== undefined ? ` — ${mdText(u.name)}` : ''}`, '');
  out.push(`- File: ${code(u.file, false)}`);
  if (!u.parsed) out.push('- **Not valid YAML**: nothing else is known about this file until it parses.');
  if (u.owner !== undefined) out.push(`- Owner: ${code(u.owner, false)}`);
  out.push(`- Elements: ${ownText(u.elements.label)}`, '');
  out.push(table(ELEMENT_COLUMNS.map((c) => c.label), [ELEMENT_COLUMNS.map((c) => mark(u.elements.states[c.key]))], ['c', 'c', 'c', 'c']), '');

  const modes: string[] = [...MODE_COLUMNS, ...(u.steps.unknown > 0 ? ['unknown'] : [])];
  out.push('**Steps by mode**', '');
  out.push(table(['steps', ...modes], [[String(u.steps.total), ...modes.map((m) => String(u.steps[m as keyof CatalogUnit['steps']]))]], ['r', ...modes.map((): Align => 'r')]), '');

  const { crossings, handoffs } = u.boundary;
  out.push(`**Boundary**: ${plural(crossings.length, 'crossing')}, ${plural(handoffs.length, 'hand-off')}`, '');
  if (crossings.length + handoffs.length > 0) {
    out.push(
      table(
        ['', 'from → to', 'via'],
        boundaryRows(u, (id) => code(id), via),
      ),
      '',
    );
  }

  out.push(`**Metrics** (before → after): ${u.metrics.length === 0 ? 'none' : plural(u.metrics.length, 'metric')}`, '');
  if (u.metrics.length > 0) {
    out.push(
      table(
        ['metric', 'kind', 'baseline → target'],
        u.metrics.map((m) => [m.id !== undefined ? code(m.id) : '(no id)', mdText(m.kind ?? ''), mdText(m.beforeAfter)]),
      ),
      '',
    );
  }

  if (u.measured && 'problem' in u.measured) out.push(`**Measured from its log**: cannot be measured — ${mdText(u.measured.problem)}`, '');
  else if (u.measured) {
    const { summary, tables } = measuredParts(u.measured, (s) => code(s), mdText, (s) => code(s, false));
    out.push(`**Measured from its log**: ${summary}`, '');
    for (const t of tables) out.push(`**${mdText(t.title)}**`, '', table(t.head, t.rows), '');
  }

  out.push(`**Findings**: ${ownText(findingsSummary(u.findings))}`, '');
  return out;
}

/** How a boundary row is reached: `flow`, or `exception <id>`. */
function via(exception: string | undefined): string {
  return exception === undefined ? 'flow' : `exception ${code(exception)}`;
}

/** The tool's own Markdown (rule summaries use code spans): kept, but one line and safe in a table. */
function ownText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

type Align = 'l' | 'c' | 'r';

function table(head: string[], rows: string[][], align: Align[] = []): string {
  const rule = head.map((_, i) => ({ l: '---', c: ':-:', r: '--:' })[align[i] ?? 'l']);
  return [head.map(mdText), rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A code span of an id or a file name; `|` escaped in a table cell (the default here). */
function code(s: string, inTable = true): string {
  return mdCode(s, { inTable });
}
