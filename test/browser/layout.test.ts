/**
 * The diagram as Chromium really draws it: for every example, every fixture
 * that renders, a 12-step unit and a unit named in Japanese and Chinese —
 * across at the natural width, and down at `--width 600` — every `<text>` is
 * measured from its rendered bounding box. No two text elements overlap, no
 * line is wider than the width the layout wrapped it to (nothing is cut, and
 * the width estimate holds for the fonts that really draw it), no text is
 * smaller than 11 px, and at 600 px the examples' drawings are no wider than 600.
 * test/browser/run installs the fonts this depends on (Noto CJK: without it
 * ideographs are drawn at a fraction of their width and every figure is wrong).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeText } from '../../server/src/core/analyze';
import { renderHtml } from '../../server/src/core/diagram/html';
import { layoutDiagram } from '../../server/src/core/diagram/layout';
import { generateUnit } from '../support/generate';

const ROOT = join(__dirname, '..', '..');

function unitFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? unitFiles(p) : /\.workunit\.ya?ml$/.test(f) ? [p] : [];
  });
}

const CJK_UNIT = `workunit: 1
id: 請求書照合
name: 仕入先請求書の照合と支払い承認
owner: 経理部長
outcome:
  statement: すべての請求書が三点照合され、五営業日以内に支払いが承認される
actors:
  経理部長: { kind: human, role: 経理部の責任者 }
  審核员: { kind: human, role: 负责审核发票的会计人员 }
  照合エンジン: { kind: ai-agent, model: 三点照合モデル }
  基幹システム: { kind: automation, system: 企業資源計画システム }
steps:
  - id: 受領
    name: 請求書を受け取り基幹システムに登録する
    performer: 基幹システム
  - id: 照合
    name: 発注書・納品書・請求書を三点照合する
    performer: 照合エンジン
    accountable: 経理部長
  - id: 判断
    name: 差異を確認して支払いの可否を決める
    performer: [審核员, 照合エンジン]
    decision: 差異は許容範囲内か？
    accountable: 経理部長
exceptions:
  - id: 金額差異
    when: 請求金額が発注金額を五パーセント以上超える
    at: 照合
    owner: 審核员
    then: 判断
`;

interface Case {
  name: string;
  text: string;
}

const cases: Case[] = [
  ...unitFiles(join(ROOT, 'examples')).map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') })),
  ...unitFiles(join(ROOT, 'test', 'fixtures')).map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') })),
  { name: '12 steps (generated)', text: generateUnit(12) },
  { name: 'Japanese and Chinese names', text: CJK_UNIT },
];

interface Measured {
  texts: number;
  overlaps: string[];
  cut: string[];
  small: string[];
  width: number;
}

/** Measures every text of the page's SVG. Runs in the page. */
function measure(): Measured {
  const texts = Array.from(document.querySelectorAll('svg text')) as SVGTextElement[];
  const label = (t: Element) => (t.textContent ?? '').slice(0, 60);
  const rects = texts.map((t) => t.getBoundingClientRect());
  const overlaps: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      // Half a pixel of slack: glyph boxes of stacked lines may touch.
      if (a.width === 0 || b.width === 0) continue;
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`"${label(texts[i]!)}" × "${label(texts[j]!)}"`);
    }
  }
  const cut: string[] = [];
  const small: string[] = [];
  for (const t of texts) {
    if ((t.textContent ?? '').includes('…')) cut.push(`${label(t)} (ellipsis)`);
    const fit = t.getAttribute('data-fit');
    const lines = t.querySelectorAll('tspan').length > 0 && !t.hasAttribute('data-counts') ? (Array.from(t.querySelectorAll('tspan')) as SVGTextContentElement[]) : [t];
    if (fit !== null) for (const line of lines) if (line.getComputedTextLength() > Number(fit) + 0.5) cut.push(`${label(line)}: ${line.getComputedTextLength().toFixed(1)} > ${fit}`);
    const size = parseFloat(getComputedStyle(t).fontSize);
    if (size < 11) small.push(`${label(t)}: ${size}px`);
  }
  const svg = document.querySelector('svg')!;
  return { texts: texts.length, overlaps, cut, small, width: svg.getBoundingClientRect().width };
}

describe('the diagram as Chromium draws it: no overlap, nothing cut', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });

  after(async () => {
    await browser?.close();
  });

  for (const width of [undefined, 600] as const) {
    it(`${width === undefined ? 'across, at the natural width' : `at --width ${width}`}: every example, fixture, the 12-step and the CJK unit`, async () => {
      const totals = { rendered: 0, texts: 0, overlaps: 0, cut: 0, small: 0, tooWide: 0 };
      const problems: string[] = [];
      for (const c of cases) {
        const a = analyzeText(c.text);
        if (!a.parsed) continue;
        const d = layoutDiagram(a.unit, a.findings, width === undefined ? {} : { width });
        await page.setContent(renderHtml(d));
        // `measure` is compiled by esbuild, which names functions through a `__name` helper the page lacks.
        const m = (await page.evaluate(`globalThis.__name = (f) => f; (${measure.toString()})()`)) as Measured;
        totals.rendered++;
        totals.texts += m.texts;
        totals.overlaps += m.overlaps.length;
        totals.cut += m.cut.length;
        totals.small += m.small.length;
        for (const o of m.overlaps) problems.push(`${c.name}: overlap ${o}`);
        for (const o of m.cut) problems.push(`${c.name}: cut ${o}`);
        for (const o of m.small) problems.push(`${c.name}: small ${o}`);
        // A fixture may need more than 600 px, for its many lanes or for words no narrower column holds whole (the
        // preview then opens at the zoom that fits it); the examples, the 12-step and the CJK unit do not.
        if (width !== undefined && m.width > width + 0.5 && !c.name.includes('fixtures')) {
          totals.tooWide++;
          problems.push(`${c.name}: ${m.width.toFixed(0)} px wide`);
        }
      }
      console.log(`[layout ${width ?? 'natural'}] ${JSON.stringify(totals)}`);
      assert.ok(totals.rendered >= cases.length / 2, `${totals.rendered} of ${cases.length} rendered`);
      assert.deepEqual(problems, []);
    });
  }
});
