/** Levels from every source, the config file, and suppression comments. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { parseConfig } from '../../server/src/core/config/configFile';
import { LevelResolver, readRuleLevels } from '../../server/src/core/config/levels';
import { withoutValues } from '../../server/src/host/configLookup';

const INVOICE = `workunit: 1
id: invoice-matching
name: Supplier invoice matching
owner: ap-lead
outcome:
  statement: Invoices matched within 2 days
  measuredBy: [cycle-time]
actors:
  ap-lead: { kind: human }
  ap-clerk: { kind: human }
steps:
  - id: match
    name: Match
    performer: ap-lead
learning:
  metrics:
    - { id: cycle-time, kind: cycle-time, baseline: 4, target: 2 }
  review: { cadence: weekly, owner: ap-lead }
`;
const rules = (text: string, levels?: LevelResolver) => analyzeText(text, levels).findings.map((f) => `${f.rule}:${f.severity}`);

describe('levels', () => {
  it('uses the defaults', () => assert.deepEqual(rules(INVOICE), ['unused-actor:hint']));

  it('later layers win: config file < editor setting < command line', () => {
    const file = { 'unused-actor': 'warning' as const };
    const editor = { 'unused-actor': 'error' as const };
    const cli = { 'unused-actor': 'info' as const };
    assert.deepEqual(rules(INVOICE, new LevelResolver(file)), ['unused-actor:warning']);
    assert.deepEqual(rules(INVOICE, new LevelResolver(file, editor)), ['unused-actor:error']);
    assert.deepEqual(rules(INVOICE, new LevelResolver(file, editor, cli)), ['unused-actor:info']);
    assert.deepEqual(rules(INVOICE, new LevelResolver(file, { 'unused-actor': 'off' })), []);
  });

  it('never turns yaml-syntax off', () => {
    assert.deepEqual(rules('a: [', new LevelResolver({ 'yaml-syntax': 'off' })), ['yaml-syntax:error']);
    assert.deepEqual(rules('a: [', new LevelResolver({ 'yaml-syntax': 'warning' })), ['yaml-syntax:warning']);
  });

  it('reads level maps, normalising spellings and naming what it ignores', () => {
    const r = readRuleLevels({ 'unused-actor': 'Warn', 'no-such-rule': 'off', schema: 'loud' }, 'test');
    assert.deepEqual(r.levels, { 'unused-actor': 'warning' });
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0], /unknown rule `no-such-rule`/);
    assert.match(r.problems[1], /`schema` has level "loud"/);
  });
});

describe('workunit.config.yaml', () => {
  it('reads rules and ignore globs', () => {
    const { config, problems } = parseConfig('rules:\n  unused-actor: off\n  no-exception-rules: warning\nignore: [drafts/**]\n');
    assert.deepEqual(config, { rules: { 'unused-actor': 'off', 'no-exception-rules': 'warning' }, ignore: ['drafts/**'] });
    assert.deepEqual(problems, []);
  });
  it('falls back to the defaults on broken YAML, saying why', () => {
    const { config, problems } = parseConfig('rules: [');
    assert.deepEqual(config, { rules: {}, ignore: [] });
    assert.match(problems[0], /not valid YAML/);
  });
  it('names unknown keys', () => assert.match(parseConfig('rulez: {}\n').problems[0], /unknown key `rulez`/));
});

describe('suppression comments', () => {
  const at = (text: string) => analyzeText(text).findings.map((f) => `${f.rule}@${text.slice(f.span.start, f.span.end)}`);

  it('disable-next-line silences the named rule on the next non-comment line', () => {
    const text = INVOICE.replace('  ap-clerk:', '  # workunit-disable-next-line unused-actor -- kept for the Q3 rollout\n  # another comment\n  ap-clerk:');
    assert.deepEqual(at(text), []);
  });

  it('disable-next-line does not reach further than the next line', () => {
    const text = INVOICE.replace('  ap-lead: { kind: human }', '  # workunit-disable-next-line unused-actor\n  ap-lead: { kind: human }');
    assert.deepEqual(at(text), ['unused-suppression@unused-actor', 'unused-actor@ap-clerk']);
  });

  it('disable silences a rule in the whole file; several rules may be listed', () => {
    const text = `# workunit-disable unused-actor, missing-core-metrics -- drafts\n${INVOICE}`;
    assert.deepEqual(at(text), ['unused-suppression@missing-core-metrics']);
  });

  it('reports a name that is no rule, at the name', () => {
    const text = `# workunit-disable unused-actor, no-such-rule\n${INVOICE}`;
    const f = analyzeText(text).findings;
    assert.deepEqual(f.map((x) => [x.rule, x.severity, text.slice(x.span.start, x.span.end)]), [['unused-suppression', 'info', 'no-such-rule']]);
    assert.match(f[0].message, /not a rule id/);
  });

  it('cannot silence yaml-syntax', () => {
    assert.deepEqual(at('# workunit-disable yaml-syntax\na: [\n'), ['yaml-syntax@']);
  });

  it('ignores directives inside strings and block scalars', () => {
    const text = INVOICE.replace('name: Supplier invoice matching', 'name: "# workunit-disable unused-actor"\ndescription: |\n  # workunit-disable unused-actor');
    assert.deepEqual(at(text), ['unused-actor@ap-clerk']);
  });

  it('turning unused-suppression off hides those findings', () => {
    const text = `# workunit-disable no-such-rule\n${INVOICE}`;
    assert.deepEqual(analyzeText(text, new LevelResolver({ 'unused-suppression': 'off' })).findings.map((f) => f.rule), ['unused-actor']);
  });
});

describe('config problems in the server log', () => {
  it('name the file and the problem, never a key, rule id or value of the file (each wording of core/config known)', () => {
    const text = 'rules:\n  secret-rule: off\n  unused-actor: hunter2\nsecretKey: 1\nignore: 42\n';
    const problems = [
      ...parseConfig(text, '/ws/workunit.config.yaml').problems,
      ...parseConfig('rules: [secretlist]\n', '/ws/workunit.config.yaml').problems,
      ...parseConfig('- secretitem\n', '/ws/workunit.config.yaml').problems,
      ...parseConfig('a: [secretyaml\n', '/ws/workunit.config.yaml').problems,
    ];
    assert.ok(problems.length >= 6, problems.join('\n'));
    for (const p of problems) {
      const line = withoutValues(p, '/ws/workunit.config.yaml');
      assert.match(line, /^\/ws\/workunit\.config\.yaml: /);
      assert.doesNotMatch(line, /secret|hunter2|42|does not quote/, `${p} → ${line}`);
    }
  });
});
