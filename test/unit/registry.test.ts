/**
 * One rule, one place — and nothing missing: every rule id in the spec is
 * registered with the spec's default level, has its own file, its docs page
 * and fixtures where it fires and where it must not.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES, FILE_RULES, CATALOG_RULES, MEASURED_RULES } from '../../server/src/core/rules/registry';
import { VERSION } from '../../server/src/version';
import { findFixtures, parseExpectations } from '../support/fixtures';

/** The rule tables of the contract (docs/format.md is the spec, vendored). */
function specRules(): Map<string, string> {
  const spec = readFileSync('docs/format.md', 'utf8');
  const rules = new Map<string, string>();
  for (const m of spec.matchAll(/^\| `([a-z-]+)` \| (error|warning|info|hint) \|/gm)) rules.set(m[1], m[2]);
  // The suppression section defines one more, in prose.
  const u = /`unused-suppression`\s*\(default `(\w+)`/.exec(spec);
  if (u) rules.set('unused-suppression', u[1]);
  return rules;
}

describe('rule registry', () => {
  const spec = specRules();

  it('registers exactly the spec\'s rules with the spec\'s default levels', () => {
    assert.ok(spec.size >= 29, `read ${spec.size} rules from the spec`);
    assert.deepEqual(
      new Map(ALL_RULES.map((r) => [r.id, r.defaultLevel])),
      spec,
    );
  });

  it('has no duplicate ids', () => assert.equal(new Set(ALL_RULES.map((r) => r.id)).size, ALL_RULES.length));

  for (const rule of [...FILE_RULES, ...CATALOG_RULES, ...MEASURED_RULES]) {
    it(`${rule.id} lives in rules/${rule.id}.ts`, () => {
      const src = readFileSync(`server/src/core/rules/${rule.id}.ts`, 'utf8');
      assert.match(src, new RegExp(`id: '${rule.id}'`));
    });
  }

  for (const rule of ALL_RULES) {
    it(`${rule.id} has a docs page that states its default level`, () => {
      const page = `docs/rules/${rule.id}.md`;
      assert.ok(existsSync(page), `${page} is missing`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, new RegExp(`^# ${rule.id}\\s*$`, 'm'));
      assert.match(text, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultLevel}\\b`));
    });
  }

  const fixtures = findFixtures('test/fixtures').map((f) => ({ file: f, rules: new Set(parseExpectations(readFileSync(f, 'utf8')).map((e) => e.rule)) }));
  for (const rule of ALL_RULES.filter((r) => r.scope === 'file')) {
    it(`${rule.id} has fixtures where it fires and where it must not`, () => {
      const own = fixtures.filter((f) => f.file.includes(`/rules/${rule.id}/`));
      assert.ok(own.some((f) => f.rules.has(rule.id)), `no fixture under test/fixtures/rules/${rule.id}/ expects it`);
      assert.ok(own.some((f) => !f.rules.has(rule.id)), `no fixture under test/fixtures/rules/${rule.id}/ where it must stay silent`);
    });
  }

  it('the version in package.json matches the one the tools report', () => {
    assert.equal(JSON.parse(readFileSync('package.json', 'utf8')).version, VERSION);
  });
});
