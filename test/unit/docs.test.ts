/**
 * The rule pages teach with examples that are true: the failing example makes
 * the rule fire on the line marked `# ← rule-id`, the passing one is clean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeCatalog, analyzeText } from '../../server/src/core/analyze';
import { LevelResolver } from '../../server/src/core/config/levels';
import { ALL_RULES } from '../../server/src/core/rules/registry';

/** The ```yaml fences of one `## Heading` section. */
function fences(page: string, heading: string): string[] {
  const start = page.indexOf(`## ${heading}`);
  if (start < 0) return [];
  const rest = page.slice(start + heading.length + 3);
  const end = rest.search(/^## /m);
  const section = end >= 0 ? rest.slice(0, end) : rest;
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
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
    if (rule.scope === 'file') {
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
