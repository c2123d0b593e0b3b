/**
 * The catalog report as a standalone HTML page: the same tables as the
 * Markdown, a stylesheet in the head, nothing else — no script, no external
 * resource, and the same Content-Security-Policy as the diagram's page
 * (`default-src 'none'` forbids every script, frame, image and connection).
 * Every string from a unit file goes through `escapeXml`.
 */
import { standalonePage } from '../diagram/html';
import { escapeXml } from '../diagram/text';
import { STATE_MARK, type ElementState } from '../navigation/elements';
import { boundaryRows, ELEMENT_COLUMNS, findingsSummary, levels, measuredParts, MODE_COLUMNS, overview, plural, unitTitle } from './labels';
import type { CatalogReport, CatalogUnit } from './report';

export interface CatalogHtmlOptions {
  title?: string;
}

const e = escapeXml;

/** The report's stylesheet, light and dark. */
const CATALOG_CSS = `body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 16px 24px; color: #1f2328; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #d0d7de; } h3 { margin-top: 1.6em; }
table { border-collapse: collapse; margin: 8px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.mark { text-align: center; }
.present { color: #1a7f37; } .missing { color: #cf222e; font-weight: bold; }
.overview { color: #59636e; }
code { font: 0.92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; } dt { font-weight: 600; } dd { margin: 0; }
@media (prefers-color-scheme: dark) {
  body { color: #d4d4d4; background: #1e1e1e; } th { background: #2d2d2d; } th, td { border-color: #444; } h2 { border-color: #444; }
  .present { color: #3fb950; } .missing { color: #f85149; } .overview { color: #9da5ae; }
}`;

export function renderHtml(r: CatalogReport, opts: CatalogHtmlOptions = {}): string {
  const title = opts.title ?? 'Work unit catalog';
  const body: string[] = [];
  body.push(`<h1>${e(title)}</h1>`, `<p class="overview">${e(overview(r))}</p>`);

  if (r.totals.files === 0) {
    body.push('<p>No work unit files (<code>*.workunit.yaml</code>, <code>*.workunit.yml</code>) were found.</p>');
  } else {
    body.push(
      table(
        ['value stream', 'unit', 'name', ...ELEMENT_COLUMNS.map((c) => c.label), 'steps', 'crossings', 'hand-offs', 'findings'],
        r.valueStreams.flatMap((vs) =>
          vs.units.map((u) => [
            vs.none ? e(vs.name) : code(vs.name),
            `<a href="#${e(anchor(u))}">${code(unitTitle(u))}</a>`,
            e(u.name ?? ''),
            ...ELEMENT_COLUMNS.map((c) => mark(u.elements.states[c.key])),
            num(u.steps.total),
            num(u.boundary.crossings.length),
            num(u.boundary.handoffs.length),
            e(findingsSummary(u.findings)),
          ]),
        ),
        'overview',
      ),
    );
    for (const vs of r.valueStreams) {
      body.push(`<section class="value-stream">`, `<h2>${vs.none ? e(vs.name) : `Value stream ${code(vs.name)}`} <small>(${e(plural(vs.units.length, 'unit'))})</small></h2>`);
      for (const u of vs.units) body.push(unitSection(u));
      body.push('</section>');
    }
    body.push('<section class="findings-by-rule">', '<h2>Findings by rule</h2>');
    if (r.findingsByRule.length === 0) body.push('<p>No findings.</p>');
    else
      body.push(
        table(
          ['rule', 'level', 'findings', 'files', 'what it means'],
          r.findingsByRule.map((f) => [
            code(f.rule),
            e(levels(f.bySeverity)),
            num(f.count),
            f.files.map((x) => `${code(x.file)}${x.count > 1 ? ` (${x.count})` : ''}`).join('<br>'),
            ownText(f.summary),
          ]),
          'rules',
        ),
      );
    body.push('</section>');
  }

  return standalonePage({
    title,
    colorScheme: 'light dark',
    css: CATALOG_CSS,
    main: body.join('\n'),
  });
}

function unitSection(u: CatalogUnit): string {
  const out: string[] = [];
  out.push(`<article class="unit" id="${e(anchor(u))}">`);
  out.push(`<h3>${code(unitTitle(u))}${u.name !== undefined ? ` — ${e(u.name)}` : ''}</h3>`);
  out.push('<dl>', `<dt>File</dt><dd>${code(u.file)}</dd>`);
  if (!u.parsed) out.push('<dt>Status</dt><dd><strong>Not valid YAML</strong>: nothing else is known about this file until it parses.</dd>');
  if (u.owner !== undefined) out.push(`<dt>Owner</dt><dd>${code(u.owner)}</dd>`);
  out.push(`<dt>Elements</dt><dd>${e(u.elements.label)}</dd>`, '</dl>');
  out.push(table(ELEMENT_COLUMNS.map((c) => c.label), [ELEMENT_COLUMNS.map((c) => mark(u.elements.states[c.key]))], 'elements'));

  const modes: string[] = [...MODE_COLUMNS, ...(u.steps.unknown > 0 ? ['unknown'] : [])];
  out.push('<h4>Steps by mode</h4>');
  out.push(table(['steps', ...modes], [[num(u.steps.total), ...modes.map((m) => num(u.steps[m as keyof CatalogUnit['steps']]))]], 'steps'));

  const { crossings, handoffs } = u.boundary;
  out.push(`<h4>Boundary: ${e(plural(crossings.length, 'crossing'))}, ${e(plural(handoffs.length, 'hand-off'))}</h4>`);
  if (crossings.length + handoffs.length > 0) {
    out.push(
      table(
        ['', 'from → to', 'via'],
        boundaryRows(u, (id) => code(id), via),
        'boundary',
      ),
    );
  }

  out.push(`<h4>Metrics (before → after): ${u.metrics.length === 0 ? 'none' : e(plural(u.metrics.length, 'metric'))}</h4>`);
  if (u.metrics.length > 0) {
    out.push(table(['metric', 'kind', 'baseline → target'], u.metrics.map((m) => [m.id !== undefined ? code(m.id) : '(no id)', e(m.kind ?? ''), e(m.beforeAfter)]), 'metrics'));
  }
  if (u.measured && 'problem' in u.measured) out.push(`<h4>Measured from its log</h4>`, `<p>Cannot be measured — ${e(u.measured.problem)}</p>`);
  else if (u.measured) {
    const { summary, tables } = measuredParts(u.measured, code, e);
    out.push(`<h4>Measured from its log</h4>`, `<p>${summary}</p>`);
    for (const t of tables) out.push(`<h5>${e(t.title)}</h5>`, table(t.head, t.rows, 'measured'));
  }
  out.push(`<h4>Findings: ${e(findingsSummary(u.findings))}</h4>`);
  out.push('</article>');
  return out.join('\n');
}

/** How a boundary row is reached: `flow`, or `exception <id>`. */
function via(exception: string | undefined): string {
  return exception === undefined ? 'flow' : `exception ${code(exception)}`;
}

/** The tool's own text (rule summaries): escaped like any other, with its `code spans` as <code>. */
function ownText(s: string): string {
  return e(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Cells are HTML already (escaped by the caller); headings are plain text. */
function table(head: string[], rows: string[][], cls: string): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const trs = rows.map((cells) => `<tr>${cells.map((c) => (c.startsWith('<td') ? c : `<td>${c}</td>`)).join('')}</tr>`);
  return `<table class="${e(cls)}">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs.join('\n')}\n</tbody>\n</table>`;
}

function code(s: string): string {
  return `<code>${e(s)}</code>`;
}

function num(n: number): string {
  return `<td class="num">${n}</td>`;
}

function mark(state: ElementState): string {
  return `<td class="mark ${state === 'complete' ? 'present' : state}" title="${state}">${STATE_MARK[state]}</td>`;
}

/** A fragment id for a unit: from its file, which is unique in a catalog (unit ids need not be); one-to-one. */
function anchor(u: CatalogUnit): string {
  return `unit-${u.file.replace(/[^A-Za-z0-9-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}
