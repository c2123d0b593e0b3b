/**
 * Markup in any free-text field of a unit comes out as text in everything
 * that renders a unit as markup: the boundary diagram (SVG, the panel's and
 * the CLI's), the catalog report in HTML and the hover Markdown. The browser
 * test (test/browser/preview.test.ts) loads the same unit into the real panel.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { buildCatalogReport } from '../../server/src/core/catalog/report';
import { renderHtml } from '../../server/src/core/catalog/html';
import { renderMarkdown } from '../../server/src/core/catalog/markdown';
import { measureUnit } from '../../server/src/core/measure/index';
import { layoutDiagram } from '../../server/src/core/diagram/layout';
import { renderSvg } from '../../server/src/core/diagram/svg';
import { hover } from '../../server/src/core/hover/hover';
import { DRAWN_IN_DIAGRAM, INJECTED_FIELDS, INJECTION_UNIT, LISTED_IN_CATALOG, liveMarkup, payload, rawHtmlInMarkdown } from '../support/injection';

const analysis = analyzeText(INJECTION_UNIT);
const escapedShown = (out: string, field: string) => out.includes(`&lt;img src=x onerror=alert(&#39;${field}&#39;)&gt;`) || out.includes(`&lt;img src=x onerror=alert('${field}')&gt;`);

describe('markup in a unit stays text', () => {
  it('the checks see live markup where there is some (so a pass means something)', () => {
    assert.deepEqual(liveMarkup('<g><img src=x></g><text onclick="x">t</text>&lt;img onerror=1&gt;<g data-a="&lt;x onload=1&gt;">'), ['<img src=x>', '<text onclick="x">']);
    assert.deepEqual(liveMarkup('<g data-a="x" onload="alert(1)">'), ['<g data-a="x" onload="alert(1)">'], 'a value broken out of');
    assert.deepEqual(rawHtmlInMarkdown('a `<b>` \\<i> <img src=x>'), ['<img src=x>']);
  });

  it('the probe unit parses and carries every payload (so the checks below are not vacuous)', () => {
    assert.ok(analysis.parsed);
    for (const f of INJECTED_FIELDS) assert.ok(INJECTION_UNIT.includes(JSON.stringify(payload(f)).slice(1, -1)), f);
  });

  for (const standalone of [true, false]) {
    it(`the diagram's SVG (${standalone ? 'standalone, as the CLI writes it' : 'as the panel draws it'}) has no live markup and shows what it draws as text`, () => {
      const svg = renderSvg(layoutDiagram(analysis.unit, analysis.findings), { standalone });
      assert.deepEqual(liveMarkup(svg), []);
      for (const field of DRAWN_IN_DIAGRAM) assert.ok(escapedShown(svg, field), `${field} is drawn, escaped`);
    });
  }

  it('the catalog report in HTML has no live markup and shows what it lists as text', () => {
    const html = renderHtml(buildCatalogReport([{ file: 'probe.workunit.yaml', analysis }]));
    assert.deepEqual(liveMarkup(html), []);
    for (const field of LISTED_IN_CATALOG) assert.ok(escapedShown(html, field), `${field} is listed, escaped`);
  });

  it('the figures measured from a log, in the catalog report (HTML and Markdown), stay text', async () => {
    const field = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const csv = `case,activity,timestamp,resource\n${field(payload('case'))},${field(payload('activity'))},2024-01-01T00:00Z,${field(payload('resource'))}\n`;
    const fs = { read: async () => ({ text: csv }), display: () => payload('log path') };
    const measured = await measureUnit(analysis.unit, { uri: 'mem://host/log.csv', columns: {} }, fs);
    assert.ok(!('problem' in measured) && measured.unmappedEvents === 1);
    const report = buildCatalogReport([{ file: 'probe.workunit.yaml', analysis, measured }]);
    const html = renderHtml(report);
    assert.deepEqual(liveMarkup(html), []);
    for (const field of ['activity', 'log path']) assert.ok(escapedShown(html, field), `${field} is listed, escaped`);
    assert.deepEqual(rawHtmlInMarkdown(renderMarkdown(report)), []);
  });

  it('hovers put no raw HTML in their Markdown (VS Code would render some tags)', () => {
    let hovered = 0;
    for (let offset = 0; offset < INJECTION_UNIT.length; offset += 7) {
      const h = hover(analysis.unit, offset);
      if (!h) continue;
      hovered++;
      assert.deepEqual(rawHtmlInMarkdown(h.markdown), [], `hover at ${offset}`);
    }
    assert.ok(hovered > 20);
  });
});
