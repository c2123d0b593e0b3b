/**
 * Navigation over the unit model: the outline, go to definition, find
 * references, highlights, rename and the four-element code lens — on inline
 * units (`$$CURSOR$$` marks the offset) and on the example catalog.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LevelResolver } from '../../server/src/core/config/levels';
import { analyzeText } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/hover';
import type { UnitModel } from '../../server/src/core/model/types';
import {
  definition,
  documentSymbols,
  elementStatus,
  highlights,
  occurrences,
  prepareRename,
  references,
  rename,
  type TextEdit,
  type UnitSymbol,
} from '../../server/src/core/navigation';
import type { Span } from '../../server/src/core/text/span';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.workunit.yaml')).sort();
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.workunit.yaml`), 'utf8');

import { CURSOR, offsetIn } from '../support/cursor';
import { withoutLearning } from '../support/examples';

/** The unit with the cursor marker removed, and the offset where it stood. */
function withCursor(src: string): { unit: UnitModel; offset: number; text: string } {
  const offset = src.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor marker');
  const text = src.slice(0, offset) + src.slice(offset + CURSOR.length);
  return { unit: analyzeText(text).unit, offset, text };
}

/** An offset inside the `nth` (0-based) occurrence of `needle` after `after`. */
const at = offsetIn;

const texts = (text: string, spans: Span[]) => spans.map((s) => text.slice(s.start, s.end));
const apply = (text: string, edits: TextEdit[]) =>
  [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);

/** A unit where one word names an actor, a step, a metric and a key, and shows up in names, roles and comments. */
function claims(lead: string, step: string, metric: string): string {
  return `workunit: 1
id: claims
name: Claims review by the lead
owner: ${lead}
outcome:
  statement: Claims reviewed within 2 days
  measuredBy: [${metric}, cycle]
actors:
  ${lead}: { kind: human, role: Team lead }
  bot: { kind: ai-agent, model: x }
steps:
  - id: intake
    name: Intake for the lead and review
    performer: [bot, ${lead}]
    accountable: ${lead}
    next: ${step}
  - id: ${step}
    name: review step
    performer:
      - ${lead}
      - bot
    accountable: ${lead}
    next: end
exceptions:
  - id: stuck
    when: lead is away from review
    at: [intake, ${step}]
    owner: ${lead}
    then: ${step}
  - id: late
    when: too late for the lead
    at: ${step}
    owner: ${lead}
    then: end
learning:
  metrics:
    - { id: cycle, kind: cycle-time, baseline: 5, target: 2 }
    - id: ${metric}
      kind: quality
      baseline: 80
      target: 95
  review:
    cadence: weekly
    owner: ${lead}
# the lead does the review
`;
}

describe('rename', () => {
  const text = claims('lead', 'review', 'review');
  const unit = analyzeText(text).unit;
  const renamed = (offset: number, to: string) => {
    const r = rename(unit, offset, to);
    assert.ok('edits' in r, 'error' in r ? r.error : '');
    return r.edits;
  };

  it('renames an actor in owner (unit, exception, review), performer (flow and block lists) and accountable, and nothing else', () => {
    const fromDeclaration = renamed(at(text, 'lead:', { after: 'actors:' }), 'team-lead');
    assert.equal(apply(text, fromDeclaration), claims('team-lead', 'review', 'review'));
    assert.equal(fromDeclaration.length, 9);
    // The same edits from any reference: the block-list performer, the review owner.
    assert.deepEqual(renamed(at(text, '- lead', { shift: 3 }), 'team-lead'), fromDeclaration);
    assert.deepEqual(renamed(at(text, 'lead', { after: 'cadence' }), 'team-lead'), fromDeclaration);
    assert.deepEqual(renamed(at(text, 'lead', { after: '- id: late', nth: 1 }), 'team-lead'), fromDeclaration);
  });

  it('renames a step in next, at and then — not `end`, not a metric or a key of the same name, not a name', () => {
    const edits = renamed(at(text, 'review', { after: '- id: intake\n', nth: 1 }), 'check');
    assert.equal(apply(text, edits), claims('lead', 'check', 'review'));
    assert.equal(edits.length, 5);
    assert.ok(!texts(text, edits.map((e) => e.span)).includes('end'));
    assert.deepEqual(renamed(at(text, 'review', { after: 'then:' }), 'check'), edits);
  });

  it('renames a metric in measuredBy, not the step of the same name', () => {
    const edits = renamed(at(text, 'review', { after: 'measuredBy' }), 'quality-score');
    assert.equal(apply(text, edits), claims('lead', 'review', 'quality-score'));
    assert.equal(edits.length, 2);
  });

  it('renames an exception id on its own', () => {
    const edits = renamed(at(text, 'stuck'), 'lead-away');
    assert.equal(apply(text, edits), text.replace('id: stuck', 'id: lead-away'));
  });

  it('rejects a name that collides with a symbol of the same kind, and allows one of another kind', () => {
    const lead = at(text, 'lead:', { after: 'actors:' });
    const step = at(text, 'review', { after: 'next:' });
    const metric = at(text, 'review', { after: 'measuredBy' });
    assert.match((rename(unit, lead, 'bot') as { error: string }).error, /already an actor `bot`/);
    assert.match((rename(unit, step, 'intake') as { error: string }).error, /already a step `intake`/);
    assert.match((rename(unit, metric, 'cycle') as { error: string }).error, /already a metric `cycle`/);
    assert.match((rename(unit, at(text, 'late'), 'stuck') as { error: string }).error, /already an exception rule `stuck`/);
    // A step may share a name with a metric.
    assert.ok('edits' in rename(unit, step, 'cycle'));
  });

  it('rejects a name that is not kebab-case, reads as another YAML type, or is `end` for a step', () => {
    const lead = at(text, 'lead:', { after: 'actors:' });
    for (const bad of ['Team-lead', 'team_lead', 'team lead', 'teamLead', '-lead', 'lead-', 'lead--x', '', 'a.b', '"lead"']) {
      const r = rename(unit, lead, bad);
      assert.ok('error' in r, `accepted ${JSON.stringify(bad)}`);
    }
    for (const reads of ['true', 'null', '123', '0x1f', '1e3']) assert.match((rename(unit, lead, reads) as { error: string }).error, /would be read by YAML as/, reads);
    assert.match((rename(unit, at(text, 'review', { after: 'next:' }), 'end') as { error: string }).error, /cannot be called `end`/);
    // `end` is a fine actor id.
    assert.ok('edits' in rename(unit, lead, 'end'));
  });

  it('rejects renaming to a name an undeclared reference already uses', () => {
    const t = claims('lead', 'review', 'review').replace('    next: end\nexceptions', '    next: ghost\nexceptions');
    const u = analyzeText(t).unit;
    assert.match((rename(u, at(t, 'review', { after: 'next:' }), 'ghost') as { error: string }).error, /undeclared step/);
  });

  it('prepareRename gives the id and its span for actors, steps, metrics and exceptions, and an error elsewhere', () => {
    const lead = at(text, 'lead', { after: 'owner:' });
    assert.deepEqual(prepareRename(unit, lead), { span: { start: lead - 1, end: lead + 3 }, placeholder: 'lead' });
    const step = at(text, 'review', { after: 'then:' });
    assert.deepEqual(prepareRename(unit, step), { span: { start: step - 1, end: step + 5 }, placeholder: 'review' });
    assert.equal((prepareRename(unit, at(text, 'cycle', { after: '{ id:' })) as { placeholder: string }).placeholder, 'cycle');
    assert.equal((prepareRename(unit, at(text, 'late')) as { placeholder: string }).placeholder, 'late');
    assert.match((prepareRename(unit, at(text, 'end')) as { error: string }).error, /`end` is a keyword/);
    assert.match((prepareRename(unit, at(text, 'performer')) as { error: string }).error, /key of the format/);
    assert.match((prepareRename(unit, at(text, 'Claims review')) as { error: string }).error, /Nothing to rename/);
    assert.match((prepareRename(unit, at(text, 'claims')) as { error: string }).error, /Nothing to rename/);
    const t = text.replace('next: end', 'next: ghost');
    assert.match((prepareRename(analyzeText(t).unit, at(t, 'ghost')) as { error: string }).error, /not a declared step/);
  });

  it('renames the anchored scalar once for references written through an alias, never the alias', () => {
    const src = `workunit: 1
id: aliases
name: Aliases
owner: &boss lead
actors:
  lead: { kind: human }
  bot: { kind: automation }
steps:
  - id: a
    performer: *boss
    accountable: *boss
  - id: b
    performer: [*boss, bot]
    accountable: 'lead'
learning:
  review: { owner: *boss }
`;
    const u = analyzeText(src).unit;
    const viaKey = rename(u, at(src, 'lead:'), 'chief') as { edits: TextEdit[] };
    assert.equal(apply(src, viaKey.edits), src.replace('&boss lead', '&boss chief').replace('lead: {', 'chief: {').replace("'lead'", "'chief'"));
    assert.equal(viaKey.edits.length, 3);
    const viaAlias = rename(u, at(src, '*boss', { after: 'accountable' }), 'chief') as { edits: TextEdit[] };
    assert.deepEqual(viaAlias.edits, viaKey.edits);
    // On an alias, the editor shows the alias, but offers the actor's id.
    const p = prepareRename(u, at(src, '*boss', { after: '- id: b' }));
    assert.deepEqual(p, { span: { start: at(src, '*boss', { after: '- id: b' }) - 1, end: at(src, '*boss', { after: '- id: b' }) + 4 }, placeholder: 'lead' });
    // Quotes stay; the name inside them changes.
    assert.deepEqual((prepareRename(u, at(src, "'lead'")) as { span: Span }).span, { start: src.indexOf("'lead'") + 1, end: src.indexOf("'lead'") + 5 });
    // References through the alias are found where they are written.
    assert.deepEqual(texts(src, references(u, at(src, 'lead:'), false)), ['lead', '*boss', '*boss', '*boss', "'lead'", '*boss']);
  });

  it('refuses a rename through an anchor shared with a symbol of another kind', () => {
    const src = claims('lead', 'review', 'review').replace('measuredBy: [review, cycle]', 'measuredBy: [&r review, cycle]').replace('    next: review\n', '    next: *r\n');
    const u = analyzeText(src).unit;
    // `&r review` is the metric reference; `next: *r` reads it as the step `review`.
    assert.deepEqual(texts(src, definition(u, at(src, '*r'))), ['review']);
    assert.match((rename(u, at(src, 'review', { after: '&r' }), 'check') as { error: string }).error, /also read as a step `review`/);
    assert.match((rename(u, at(src, 'review', { after: '- id: intake', nth: 1 }), 'check') as { error: string }).error, /also read as a metric `review`/);
  });

  it('edits a reference shared through a merge key once', () => {
    const { unit: u, offset, text: src } = withCursor(`workunit: 1
id: merged
name: Merged
actors:
  b$$CURSOR$$ot: { kind: automation }
steps:
  - &d
    id: a
    performer: bot
  - <<: *d
    id: b
`);
    const r = rename(u, offset, 'robot') as { edits: TextEdit[] };
    assert.equal(r.edits.length, 2);
    assert.equal(apply(src, r.edits), src.replace(/bot/g, 'robot'));
    assert.equal(references(u, offset, false).length, 1);
    assert.equal(highlights(u, offset).length, 2);
  });
});

describe('definition', () => {
  const text = example('onboarding-review');
  const unit = analyzeText(text).unit;
  const decl = (needle: string, after: string) => {
    const i = text.indexOf(needle, text.indexOf(after));
    return [{ start: i, end: i + needle.length }];
  };
  const cases: [string, number, Span[]][] = [
    ['performer', at(text, 'kyc-screener', { after: 'id: screen' }), decl('kyc-screener', 'actors:')],
    ['performer (list item)', at(text, 'kyc-screener', { after: 'id: decide' }), decl('kyc-screener', 'actors:')],
    ['accountable', at(text, 'analyst', { after: 'accountable:' }), decl('analyst', 'actors:')],
    ['unit owner', at(text, 'onboarding-lead', { after: 'owner:' }), decl('onboarding-lead', 'actors:')],
    ['exception owner', at(text, 'onboarding-lead', { after: 'documents-incomplete' }), decl('onboarding-lead', 'actors:')],
    ['review owner', at(text, 'onboarding-lead', { after: 'cadence:' }), decl('onboarding-lead', 'actors:')],
    ['at', at(text, 'intake', { after: 'at:' }), decl('intake', 'steps:')],
    ['then', at(text, 'decide', { after: 'then:' }), decl('decide', 'steps:')],
    ['measuredBy', at(text, 'first-pass-rate'), decl('first-pass-rate', 'metrics:')],
  ];
  for (const [what, offset, expected] of cases) {
    it(`goes from ${what} to the declaration`, () => assert.deepEqual(definition(unit, offset), expected));
  }

  it('goes from next (a list and a single step) to the step', () => {
    const t = example('incident-triage');
    const u = analyzeText(t).unit;
    assert.deepEqual(texts(t, definition(u, at(t, 'major-incident', { after: 'next:' }))), ['major-incident']);
    assert.deepEqual(definition(u, at(t, 'major-incident', { after: 'next:' })), [{ start: t.indexOf('major-incident', t.indexOf('- id: route')), end: t.indexOf('major-incident', t.indexOf('- id: route')) + 14 }]);
    assert.deepEqual(definition(u, at(t, 'route', { after: 'next:' })), [{ start: t.indexOf('route', t.indexOf('- id:', t.indexOf('next:'))), end: t.indexOf('route', t.indexOf('- id:', t.indexOf('next:'))) + 5 }]);
  });

  it('gives nothing for `end`, an undeclared name or a key; a declaration gives itself', () => {
    const t = example('incident-triage');
    const u = analyzeText(t).unit;
    assert.deepEqual(definition(u, at(t, 'end', { after: 'next:' })), []);
    const inv = example('invoice-matching');
    const iu = analyzeText(inv).unit;
    assert.deepEqual(definition(iu, at(inv, 'pay-run')), []);
    assert.deepEqual(definition(iu, at(inv, 'match-rate')), []);
    assert.deepEqual(definition(unit, at(text, 'performer')), []);
    assert.deepEqual(definition(unit, at(text, 'analyst', { after: 'actors:' })), decl('analyst', 'actors:'));
  });
});

describe('references and highlights', () => {
  const text = example('onboarding-review');
  const unit = analyzeText(text).unit;
  const analystKey = at(text, 'analyst', { after: 'actors:' });

  it('finds every use of an actor from its declaration or a use, with or without the declaration', () => {
    const uses = references(unit, analystKey, false);
    assert.deepEqual(texts(text, uses), ['analyst', 'analyst', 'analyst', 'analyst']);
    assert.deepEqual(uses.map((s) => unit.lines.positionAt(s.start).line), [24, 28, 29, 45]);
    const withDecl = references(unit, analystKey, true);
    assert.deepEqual(withDecl, [{ start: analystKey - 1, end: analystKey + 6 }, ...uses]);
    assert.deepEqual(references(unit, at(text, 'analyst', { after: 'screening-hit' }), true), withDecl);
  });

  it('finds a step and a metric, and nothing on a key or plain text', () => {
    assert.deepEqual(texts(text, references(unit, at(text, 'decide'), false)), ['decide']);
    assert.equal(unit.lines.positionAt(references(unit, at(text, 'decide'), false)[0].start).line, 41);
    assert.deepEqual(references(unit, at(text, 'cycle-time', { after: 'metrics:' }), false), [{ start: text.indexOf('cycle-time'), end: text.indexOf('cycle-time') + 10 }]);
    assert.deepEqual(references(unit, at(text, 'statement'), true), []);
    assert.deepEqual(references(unit, at(text, 'Customer onboarding case review'), true), []);
  });

  it('highlights the declaration as write and the references as read', () => {
    const h = highlights(unit, at(text, 'analyst', { after: 'decide' }));
    assert.deepEqual(h.map((x) => [text.slice(x.span.start, x.span.end), x.kind, unit.lines.positionAt(x.span.start).line]), [
      ['analyst', 'write', 13],
      ['analyst', 'read', 24],
      ['analyst', 'read', 28],
      ['analyst', 'read', 29],
      ['analyst', 'read', 45],
    ]);
    assert.deepEqual(highlights(unit, at(text, 'kind')), []);
  });
});

describe('document symbols', () => {
  const flat = (symbols: UnitSymbol[]): UnitSymbol[] => symbols.flatMap((s) => [s, ...flat(s.children)]);
  const contained = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end;
  function assertNested(text: string, symbols: UnitSymbol[], parent?: UnitSymbol): void {
    for (const s of symbols) {
      assert.ok(contained(s.selectionSpan, s.span), `${s.name}: selection outside its span`);
      assert.ok(s.span.end <= text.length, `${s.name}: span outside the text`);
      if (parent) assert.ok(contained(s.span, parent.span), `${s.name} outside ${parent.name}`);
      assertNested(text, s.children, s);
    }
  }

  it('outlines the unit: outcome, actors, steps, exceptions, learning with its log, metrics, review and changes', () => {
    const text = example('onboarding-review');
    const symbols = documentSymbols(analyzeText(text).unit);
    const shape = (s: UnitSymbol): unknown => [s.kind, s.name, s.children.map(shape)];
    assert.deepEqual(symbols.map(shape), [
      [
        'unit',
        'Customer onboarding case review',
        [
          ['outcome', 'Outcome', []],
          ['actors', 'Actors', [['actor', 'onboarding-lead', []], ['actor', 'analyst', []], ['actor', 'kyc-screener', []], ['actor', 'crm', []]]],
          ['steps', 'Steps', [['step', 'intake', []], ['step', 'screen', []], ['decision', 'decide', [['branch', 'decided', []], ['branch', 'escalated', []]]], ['step', 'notify', []]]],
          ['exceptions', 'Exceptions', [['exception', 'documents-incomplete', []], ['exception', 'screening-hit', []]]],
          [
            'learning',
            'Learning',
            [
              ['log', 'Log', []],
              ['metrics', 'Metrics', [['metric', 'cycle-time', []], ['metric', 'exception-rate', []], ['metric', 'first-pass-rate', []]]],
              ['review', 'Review', []],
              ['changes', 'Changes', [['change', '2026-10-05', []]]],
            ],
          ],
        ],
      ],
    ]);
    const all = flat(symbols);
    const by = (name: string) => all.find((s) => s.name === name)!;
    assert.equal(by('Outcome').detail, 'Customer onboarding case reviewed and decision issued within 24 hours');
    assert.equal(by('analyst').detail, 'human · Compliance analyst');
    assert.equal(by('kyc-screener').detail, 'AI agent · kyc-screen-v3');
    assert.equal(by('decide').detail, 'hybrid · analyst, kyc-screener');
    assert.equal(by('intake').detail, 'machine · crm');
    assert.equal(by('screening-hit').detail, 'Possible sanctions match above 0.8 confidence');
    assert.equal(by('cycle-time').detail, '40 → 24 hours');
    assert.equal(by('Review').detail, 'weekly · onboarding-lead');
    assert.equal(by('Log').detail, 'logs/onboarding-review.csv');
    assert.equal(by('Changes').detail, '1 change');
    assert.equal(by('2026-10-05').detail, 'KYC screener upgraded to kyc-screen-v3');
    // Selection: the id value for list items, the key for actors and groups.
    const sel = (name: string) => text.slice(by(name).selectionSpan.start, by(name).selectionSpan.end);
    assert.equal(sel('decide'), 'decide');
    assert.equal(sel('analyst'), 'analyst');
    assert.equal(sel('Steps'), 'steps');
    assert.equal(sel('Customer onboarding case review'), 'onboarding-review');
    // Spans: the whole node, with its key where it has one.
    assert.equal(text.slice(by('analyst').span.start, by('analyst').span.end), 'analyst:         { kind: human, role: Compliance analyst, resources: [a.jansen, m.okafor] }');
    assert.ok(text.slice(by('Steps').span.start, by('Steps').span.end).startsWith('steps:\n  - id: intake'));
    assert.ok(text.slice(by('Steps').span.start, by('Steps').span.end).endsWith('performer: crm'));
    assert.equal(text.slice(by('Review').span.start, by('Review').span.end), 'review:\n    cadence: weekly\n    owner: onboarding-lead');
    assert.ok(text.slice(by('Log').span.start, by('Log').span.end).startsWith('log:\n    path: logs/onboarding-review.csv'));
    assert.equal(sel('2026-10-05'), '2026-10-05');
    assert.ok(text.slice(by('2026-10-05').span.start, by('2026-10-05').span.end).endsWith('fewer cases stalled on documents'));
    assertNested(text, symbols);
  });

  it('names steps without an id by position, and keeps every span nested in every example and odd unit', () => {
    const odd = `workunit: 1
name: Odd
x-steps: &s
  - id: a
    performer: ghost
actors:
  bot: { kind: automation }
steps:
  - name: no id here
    performer: bot
  - *s
  - just text
exceptions: *s
learning:
  metrics: [{ kind: cost }]
`;
    const symbols = documentSymbols(analyzeText(odd).unit);
    assert.equal(symbols[0].name, 'Odd');
    const steps = symbols[0].children.find((s) => s.kind === 'steps')!;
    assert.deepEqual(steps.children.map((s) => [s.name, s.detail]), [['step 1', 'machine · bot']]);
    const exceptions = symbols[0].children.find((s) => s.kind === 'exceptions')!;
    assert.deepEqual(exceptions.children.map((s) => s.name), ['a']);
    const metrics = flat(symbols).find((s) => s.kind === 'metrics')!;
    assert.deepEqual(metrics.children.map((s) => s.name), ['metric 1']);
    assertNested(odd, symbols);
    for (const f of exampleFiles) {
      const t = readFileSync(join(EXAMPLES, f), 'utf8');
      assertNested(t, documentSymbols(analyzeText(t).unit));
    }
  });

  it('gives no outline for a file that is not a mapping', () => {
    assert.deepEqual(documentSymbols(analyzeText('').unit), []);
    assert.deepEqual(documentSymbols(analyzeText('- a\n- b\n').unit), []);
  });
});

describe('element status (code lens)', () => {
  const parts = {
    head: 'workunit: 1\nid: u\nname: U\n',
    outcome: 'outcome:\n  statement: Claims paid within 2 days\n',
    logic: 'steps:\n  - id: pay\n    name: Pay\n',
    structure: 'actors:\n  lead: { kind: human }\n',
    learning: 'learning:\n  review: { cadence: weekly, owner: lead }\n',
  };
  const status = (text: string) => {
    const a = analyzeText(text);
    return elementStatus(a.unit, a.findings);
  };
  const unitWith = (...keys: (keyof typeof parts)[]) => status(parts.head + keys.map((k) => parts[k]).join(''));

  it('says 4 of 4 present and which are incomplete, in the spec\'s words', () => {
    const s = unitWith('outcome', 'logic', 'structure', 'learning');
    // `pay` has no performer (structure), the learning loop no metrics: both present, neither complete.
    assert.equal(s.label, '4 of 4 present, 2 complete — execution structure: 1 finding; learning loop: 1 finding');
    assert.deepEqual([s.outcome, s.logic, s.structure, s.learning, s.count, s.complete, s.missing], [true, true, true, true, 4, 2, []]);
    assert.equal(status(example('onboarding-review')).label, '4 of 4 elements complete');
  });

  it('counts only errors and warnings, after levels and suppressions', () => {
    const text = parts.head + parts.outcome + 'steps:\n  # workunit-disable-next-line step-without-owner -- routed by the queue\n  - id: pay\n    name: Pay\n' + parts.structure + parts.learning;
    assert.equal(status(text).label, '4 of 4 present, 3 complete — learning loop: 1 finding');
    const a = analyzeText(text, new LevelResolver({ 'learning-without-metrics': 'info' }));
    assert.equal(elementStatus(a.unit, a.findings).label, '4 of 4 elements complete');
  });

  it('puts schema, unknown-key and placeholder findings in the element whose block holds them', () => {
    const text = parts.head + parts.outcome + 'steps:\n  - id: pay\n    name: <what is done>\n    performer: <who>\n' + 'actors:\n  lead: { kind: human, role: <role> }\n' + parts.learning.replace('weekly', 'sometimes');
    const s = status(text);
    assert.deepEqual(s.elements.map((e) => [e.name, e.state, e.findings]), [
      ['outcome', 'complete', 0],
      ['execution logic', 'incomplete', 1],
      ['execution structure', 'incomplete', 2],
      ['learning loop', 'incomplete', 2],
    ]);
  });

  it('names the one missing element of three, with the plateau', () => {
    assert.equal(unitWith('logic', 'structure', 'learning').label, '3 of 4 — no outcome: the unit will plateau');
    assert.equal(unitWith('outcome', 'structure', 'learning').label, '3 of 4 — no execution logic: the unit will plateau');
    assert.equal(unitWith('outcome', 'logic', 'learning').label, '3 of 4 — no execution structure: the unit will plateau');
    assert.equal(unitWith('outcome', 'logic', 'structure').label, '3 of 4 — no learning loop: the unit will plateau');
    assert.equal(status(withoutLearning(example('invoice-matching'))).label, '3 of 4 — no learning loop: the unit will plateau');
    assert.equal(
      status(example('invoice-matching')).label,
      '4 of 4 present, 0 complete — outcome: 2 findings; execution logic: 1 finding; execution structure: 3 findings; learning loop: 2 findings',
    );
  });

  it('names two missing elements with inconsistent outputs, one with not yet a work unit, none at all', () => {
    assert.equal(unitWith('logic', 'structure').label, '2 of 4 — no outcome, no learning loop: outputs will be inconsistent');
    assert.equal(unitWith('outcome', 'learning').label, '2 of 4 — no execution logic, no execution structure: outputs will be inconsistent');
    assert.equal(unitWith('structure').label, '1 of 4 — not yet a work unit');
    const none = unitWith();
    assert.equal(none.label, '0 of 4 — not yet a work unit');
    assert.equal(none.count, 0);
    assert.deepEqual(none.missing, ['outcome', 'execution logic', 'execution structure', 'learning loop']);
  });

  it('counts an outcome only with a statement, steps only when there is one, and sits on the unit id', () => {
    const text = parts.head + 'outcome:\n  doneWhen: Paid\nsteps: []\n' + parts.structure + parts.learning;
    const s = status(text);
    assert.deepEqual(s.missing, ['outcome', 'execution logic']);
    assert.deepEqual(s.span, { start: text.indexOf('id: u') + 4, end: text.indexOf('id: u') + 5 });
    assert.match(s.lines.join('\n'), /✗ 1\. outcome: missing\n✗ 2\. execution logic: missing\n✓ 3\. execution structure: complete\n◐ 4\. learning loop: incomplete \(1 finding\)/);
  });
});

describe('every offset of every example', () => {
  const inText = (text: string, s: Span, what: string) => {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length, `${what}: ${JSON.stringify(s)} outside the text`);
  };
  function everything(text: string, unit: UnitModel, offset: number): void {
    const where = `offset ${offset}`;
    const h = hover(unit, offset);
    if (h) inText(text, h.span, where);
    for (const s of definition(unit, offset)) inText(text, s, where);
    for (const s of references(unit, offset, true)) inText(text, s, where);
    for (const s of references(unit, offset, false)) inText(text, s, where);
    for (const x of highlights(unit, offset)) inText(text, x.span, where);
    const p = prepareRename(unit, offset);
    if ('span' in p) inText(text, p.span, where);
    const r = rename(unit, offset, 'renamed-id');
    if ('edits' in r) for (const e of r.edits) inText(text, e.span, where);
    assert.equal('span' in p, 'edits' in r, `${where}: prepareRename and rename disagree`);
  }

  for (const f of exampleFiles) {
    it(`${f}: nothing throws, every span is inside the text`, () => {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const analysis = analyzeText(text);
      const unit = analysis.unit;
      for (let offset = 0; offset <= text.length; offset++) everything(text, unit, offset);
      elementStatus(unit, analysis.findings);
      documentSymbols(unit);
    });

    it(`${f}: cut at every line, nothing throws`, () => {
      const full = readFileSync(join(EXAMPLES, f), 'utf8');
      for (let cut = full.indexOf('\n'); cut >= 0; cut = full.indexOf('\n', cut + 1)) {
        for (const text of [full.slice(0, cut), full.slice(0, cut) + ':\n  - [', full.slice(0, Math.max(0, cut - 3))]) {
          const analysis = analyzeText(text);
          const unit = analysis.unit;
          for (let offset = 0; offset <= text.length; offset += 5) everything(text, unit, offset);
          inText(text, elementStatus(unit, analysis.findings).span, 'lens');
          documentSymbols(unit);
        }
      }
    });

    it(`${f}: renaming any symbol keeps the findings and every reference`, () => {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const before = analyzeText(text);
      const rules = (a: typeof before) => a.findings.map((x) => x.rule).sort();
      let renamedCount = 0;
      const seen = new Set<string>();
      for (let offset = 0; offset <= text.length; offset++) {
        const p = prepareRename(before.unit, offset);
        if (!('span' in p) || seen.has(p.placeholder)) continue;
        seen.add(p.placeholder);
        const r = rename(before.unit, offset, 'renamed-id');
        assert.ok('edits' in r);
        const after = analyzeText(apply(text, r.edits));
        assert.deepEqual(rules(after), rules(before), `renaming ${p.placeholder} changed the findings`);
        const uses = references(before.unit, offset, true).length;
        assert.equal(r.edits.length, uses, `renaming ${p.placeholder} missed a reference`);
        assert.equal(occurrences(after.unit).filter((o) => o.name === 'renamed-id').length, uses);
        assert.equal(occurrences(after.unit).filter((o) => o.name === p.placeholder).length, occurrences(before.unit).filter((o) => o.name === p.placeholder).length - uses);
        renamedCount++;
      }
      assert.ok(renamedCount >= 5, `only ${renamedCount} symbols renamed`);
    });
  }
});
