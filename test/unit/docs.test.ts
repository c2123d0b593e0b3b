/**
 * The rule pages teach with examples that are true: the failing example makes
 * the rule fire on the line marked `# ← rule-id`, the passing one is clean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeCatalog, analyzeText, checkMeasured, checkUnit, finish, type Analysis } from '../../server/src/core/analyze';
import { logSourceOf, measureUnit } from '../../server/src/core/measure';
import { LevelResolver } from '../../server/src/core/config/levels';
import { ALL_RULES } from '../../server/src/core/rules/registry';

/** The ```yaml fences of one `## Heading` section. */
function fences(page: string, heading: string, lang = 'yaml'): string[] {
  const start = page.indexOf(`## ${heading}`);
  if (start < 0) return [];
  const rest = page.slice(start + heading.length + 3);
  const end = rest.search(/^## /m);
  const section = end >= 0 ? rest.slice(0, end) : rest;
  return [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

/**
 * A measured rule's example: the unit, measured from the page's ```csv log
 * (at the unit's `learning.log` path; no csv fence: no file there).
 */
async function analyzeMeasured(yaml: string, csv: string | undefined): Promise<Analysis> {
  const levels = new LevelResolver();
  const checked = checkUnit(yaml, levels);
  const source = logSourceOf(checked.unit, 'mem://docs/unit.workunit.yaml');
  assert.ok(source, 'the example names no log');
  const fs = {
    read: async (uri: string) => (csv !== undefined && uri === source.uri ? { text: csv } : { missing: true as const }),
    display: (uri: string) => uri.slice('mem://docs/'.length),
  };
  const measured = await measureUnit(checked.unit, source, fs);
  return finish(checked, levels, undefined, checkMeasured(checked.unit, measured, levels));
}

const markedLines = (text: string, rule: string) =>
  text.split('\n').flatMap((l, i) => (l.includes(`# ← ${rule}`) ? [i] : []));

describe('rule docs', () => {
  for (const rule of ALL_RULES) {
    const page = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
    it(`${rule.id}: the page has the sections every page has`, () => {
      for (const h of ['Why it matters', 'Failing example', 'Passing example', 'How to fix', 'Configure']) assert.ok(page.includes(`## ${h}`), h);
    });
    const failing = fences(page, 'Failing example');
    const passing = fences(page, 'Passing example');
    if (rule.scope === 'measured') {
      it(`${rule.id}: the failing example measured from its log fires it on the marked line, the passing one is clean`, async () => {
        assert.equal(failing.length, 1);
        assert.equal(passing.length, 1);
        const a = await analyzeMeasured(failing[0], fences(page, 'Failing example', 'csv')[0]);
        const lines = a.findings.filter((f) => f.rule === rule.id).map((f) => a.unit.lines.positionAt(f.span.start).line);
        assert.ok(lines.length > 0, 'does not fire on the failing example');
        assert.deepEqual([...new Set(lines)], markedLines(failing[0], rule.id));
        const b = await analyzeMeasured(passing[0], fences(page, 'Passing example', 'csv')[0]);
        assert.deepEqual(b.findings.map((f) => f.rule), []);
      });
    } else if (rule.scope === 'file') {
      it(`${rule.id}: the failing example fires it on the marked line, the passing one is clean`, () => {
        assert.equal(failing.length, 1);
        assert.equal(passing.length, 1);
        const a = analyzeText(failing[0]);
        const lines = a.findings.filter((f) => f.rule === rule.id).map((f) => a.unit.lines.positionAt(f.span.start).line);
        assert.ok(lines.length > 0, 'does not fire on the failing example');
        assert.deepEqual([...new Set(lines)], markedLines(failing[0], rule.id));
        assert.deepEqual(analyzeText(passing[0]).findings.map((f) => f.rule), []);
      });
    } else {
      it(`${rule.id}: the failing catalog fires it in every file, the passing one does not`, () => {
        const run = (files: string[], copies: number) =>
          analyzeCatalog(
            files.flatMap((text, i) => {
              return Array.from({ length: copies }, (_, k) => ({ file: `f${i}-${k}.workunit.yaml`, text: k === 0 ? text : text.replace(/^id: (.*)$/m, `id: $1-${k}`), levels: new LevelResolver() }));
            }),
          );
        // value-stream-size needs eleven units: the page shows one and says so; copy it (ten stay quiet).
        const many = rule.id === 'value-stream-size';
        const failed = run(failing, many ? 11 : 1);
        assert.ok(failed.length > 1);
        assert.ok(failed.every((r) => r.analysis.findings.some((f) => f.rule === rule.id)));
        const passed = run(many ? failing : passing, many ? 10 : 1);
        assert.ok(passed.length >= 1);
        assert.ok(passed.every((r) => !r.analysis.findings.some((f) => f.rule === rule.id)));
      });
    }
  }
});
