/**
 * Hover: a key's schema description at its place, and what an id or a
 * reference names — on inline units (`$$CURSOR$$` marks the offset) and on
 * the example catalog.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { hover, keyDoc } from '../../server/src/core/hover';
import { WORKUNIT_SCHEMA } from '../../server/src/core/schema/validate';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.workunit.yaml`), 'utf8');
import { CURSOR, offsetIn, type NeedleOptions } from '../support/cursor';
const defs = WORKUNIT_SCHEMA.definitions!;

/** `src` with `find` replaced by `by` (a function replacement: `$$` in the marker is no pattern). */
function put(src: string, find: string, by: string): string {
  assert.ok(src.includes(find), `no ${find}`);
  return src.replace(find, () => by);
}

/** Hover where `$$CURSOR$$` stands, with the text the hover covers. */
function hoverAt(src: string): { markdown: string; covers: string } | undefined {
  const offset = src.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor marker');
  const text = src.slice(0, offset) + src.slice(offset + CURSOR.length);
  const h = hover(analyzeText(text).unit, offset);
  return h && { markdown: h.markdown, covers: text.slice(h.span.start, h.span.end) };
}

/** An example with the cursor put inside the `nth` occurrence of `needle` after `after`. */
function cursorIn(text: string, needle: string, opts: NeedleOptions = {}): string {
  const o = offsetIn(text, needle, opts);
  return text.slice(0, o) + CURSOR + text.slice(o);
}

const UNIT = `workunit: 1
id: claims
name: Claims
owner: lead
outcome:
  statement: Claims paid within 2 days
  measuredBy: [cycle, ghost-metric]
actors:
  lead: { kind: human, role: Team lead }
  bot: { kind: automation, system: Claims engine }
  scorer: { kind: ai-agent, model: risk-v2 }
steps:
  - id: register
    name: Register the claim
    performer: bot
  - id: assess
    name: Assess the risk
    performer: scorer
    accountable: lead
    decision: true
    next: [pay, nowhere]
  - id: pay
    performer: [lead, ghost]
    next: end
  - name: unnamed
exceptions:
  - id: fraud
    when: Fraud score above 0.9
    at: assess
    owner: lead
    then: end
learning:
  metrics:
    - id: cycle
      kind: cycle-time
      unit: days
      baseline: 6
      target: 2
    - id: cost
      kind: cost
  review: { cadence: monthly, owner: lead }
  changes:
    - date: 2026-01-01
      change: First version
`;

describe('hover on keys', () => {
  it('gives `kind` under an actor and `kind` under a metric their own text, heading and allowed values', () => {
    const actor = hoverAt(put(UNIT, 'lead: { kind: human', `lead: { k${CURSOR}ind: human`))!;
    const metric = hoverAt(put(UNIT, '      kind: cycle-time', `      ki${CURSOR}nd: cycle-time`))!;
    assert.equal(actor.covers, 'kind');
    assert.equal(metric.covers, 'kind');
    assert.ok(actor.markdown.startsWith('### `kind`\n'));
    assert.ok(actor.markdown.includes(defs.actor.properties!.kind.description!));
    assert.ok(!actor.markdown.includes(defs.metric.properties!.kind.description!));
    assert.ok(metric.markdown.includes(defs.metric.properties!.kind.description!));
    assert.match(actor.markdown, /Allowed values: `human`, `ai-agent`, `automation`/);
    assert.match(metric.markdown, /Allowed values: `cycle-time`, `exception-rate`, `quality`, `throughput`, `cost`, `impact`, `custom`/);
    assert.match(actor.markdown, /Key of an actor/);
    assert.match(metric.markdown, /Key of a metric/);
  });

  it('resolves keys through properties, items, additionalProperties, $ref and anyOf', () => {
    const cases: [string, string, string][] = [
      ['  - id: register', '  - i', defs.step.properties!.id.description!],
      ['id: claims', '', WORKUNIT_SCHEMA.properties!.id.description!],
      ['    performer: bot', '    perf', defs.step.properties!.performer.description!],
      ['    next: [pay', '    ne', defs.step.properties!.next.description!],
      ['  measuredBy', '  meas', WORKUNIT_SCHEMA.properties!.outcome.properties!.measuredBy.description!],
      ['    at: assess', '    a', defs.exception.properties!.at.description!],
      ['    owner: lead\n    then', '    ow', defs.exception.properties!.owner.description!],
      ['review: { cadence', 're', WORKUNIT_SCHEMA.properties!.learning.properties!.review.description!],
      ['{ cadence: monthly, owner', '{ cad', WORKUNIT_SCHEMA.properties!.learning.properties!.review.properties!.cadence.description!],
      ['cadence: monthly, owner', 'cadence: monthly, own', WORKUNIT_SCHEMA.properties!.learning.properties!.review.properties!.owner.description!],
      ['      change: First', '      cha', WORKUNIT_SCHEMA.properties!.learning.properties!.changes.items!.properties!.change.description!],
      ['model: risk', 'mo', defs.actor.properties!.model.description!],
      ['owner: lead\noutcome', 'ow', WORKUNIT_SCHEMA.properties!.owner.description!],
    ];
    for (const [line, prefix, description] of cases) {
      const h = hoverAt(put(UNIT, line, line.slice(0, prefix.length + 1) + CURSOR + line.slice(prefix.length + 1)));
      assert.ok(h, line);
      assert.ok(h.markdown.includes(description), `${line}: ${h.markdown}`);
    }
    // The type line: the schema's title, e.g. what `next` takes.
    assert.match(hoverAt(put(UNIT, '    next: [pay', `    ne${CURSOR}xt: [pay`))!.markdown, /\*Key of a step\* · a step id, a list of step ids, or `end`/);
  });

  it('says when a key is not part of the format there, and lists the keys that are', () => {
    const h = hoverAt(put(UNIT, '    name: Register the claim', `    nmae${CURSOR}: Register the claim`))!;
    assert.equal(h.covers, 'nmae');
    assert.match(h.markdown, /Not a key of the work unit format here/);
    assert.match(h.markdown, /`performer`/);
    assert.equal(keyDoc(['steps', '0', 'nmae']), undefined);
    assert.equal(keyDoc(['actors', 'lead', 'kind'])!.owner, 'an actor');
  });
});

describe('hover on references and declarations', () => {
  it('shows an actor from a performer reference: kind, role, the steps it performs and where it is accountable', () => {
    const text = example('incident-triage');
    const h = hoverAt(cursorIn(text, 'shift-agent', { after: 'id: confirm' }))!;
    assert.equal(h.covers, 'shift-agent');
    assert.match(h.markdown, /### Actor `shift-agent`/);
    assert.match(h.markdown, /kind: \*\*human\*\*/);
    assert.match(h.markdown, /role: Service desk agent/);
    assert.match(h.markdown, /performs: `confirm` \(Confirm priority for P1 and P2\), `major-incident` \(Open major incident bridge\)\n/);
    assert.match(h.markdown, /accountable at: `classify`\n/);
    assert.match(h.markdown, /owns: exception `low-confidence`$/);
  });

  it('names machine kinds with their model or system', () => {
    const bot = hoverAt(put(UNIT, 'performer: bot', `performer: b${CURSOR}ot`))!;
    assert.match(bot.markdown, /kind: \*\*automation\*\*\n- system: Claims engine/);
    assert.match(bot.markdown, /performs: `register` \(Register the claim\)/);
    assert.match(bot.markdown, /accountable at: no step/);
    const scorer = hoverAt(put(UNIT, 'performer: scorer', `performer: sc${CURSOR}orer`))!;
    assert.match(scorer.markdown, /kind: \*\*AI agent\*\*\n- model: risk-v2/);
  });

  it('gives the actor summary on the declaration key and on each kind of owner reference', () => {
    const onKey = hoverAt(put(UNIT, '  lead: {', `  le${CURSOR}ad: {`))!;
    assert.equal(onKey.covers, 'lead');
    assert.match(onKey.markdown, /### Actor `lead`/);
    assert.match(onKey.markdown, /performs: `pay`\n/);
    assert.match(onKey.markdown, /accountable at: `assess`\n/);
    assert.match(onKey.markdown, /owns: the unit, exception `fraud`, the learning review/);
    for (const src of [
      put(UNIT, 'owner: lead\noutcome', `owner: le${CURSOR}ad\noutcome`),
      put(UNIT, '    owner: lead\n    then', `    owner: le${CURSOR}ad\n    then`),
      put(UNIT, 'monthly, owner: lead', `monthly, owner: le${CURSOR}ad`),
      put(UNIT, 'accountable: lead', `accountable: le${CURSOR}ad`),
    ]) {
      assert.equal(hoverAt(src)!.markdown, onKey.markdown);
    }
  });

  it('shows a step on its id: hybrid `decide` with `analyst` accountable in onboarding-review', () => {
    const text = example('onboarding-review');
    const h = hoverAt(cursorIn(text, 'decide', { after: '- id:' }))!;
    assert.equal(h.covers, 'decide');
    assert.match(h.markdown, /### Step `decide`\n\nApprove, decline or escalate/);
    assert.match(h.markdown, /mode: \*\*hybrid\*\*/);
    assert.match(h.markdown, /performed by: `analyst` \(human\), `kyc-screener` \(AI agent\)/);
    assert.match(h.markdown, /accountable: `analyst` \(human\)/);
    assert.match(h.markdown, /decision point: yes — Is the risk acceptable\?/);
    // The same summary from a reference to it.
    assert.equal(hoverAt(cursorIn(text, 'decide', { after: 'then:' }))!.markdown, h.markdown);
    // A machine step with no decision.
    const screen = hoverAt(cursorIn(text, 'screen', { after: '- id:' }))!;
    assert.match(screen.markdown, /mode: \*\*machine\*\*/);
    assert.match(screen.markdown, /decision point: no/);
  });

  it('shows every mode and a decision without a question', () => {
    assert.match(hoverAt(put(UNIT, 'next: [pay', `next: [p${CURSOR}ay`))!.markdown, /mode: \*\*unknown\*\*[^\n]*\n- performed by: `lead` \(human\), `ghost` \(not declared\)\n- accountable: no one/);
    const assess = hoverAt(put(UNIT, 'id: assess', `id: as${CURSOR}sess`))!.markdown;
    assert.match(assess, /mode: \*\*machine\*\*/);
    assert.match(assess, /accountable: `lead` \(human\)/);
    assert.match(assess, /decision point: yes\n/);
    assert.match(assess, /next: `pay`\n/);
    assert.match(assess, /exceptions here: `fraud`/);
    const human = put(UNIT, 'performer: [lead, ghost]', 'performer: lead');
    assert.match(hoverAt(put(human, 'next: [pay', `next: [p${CURSOR}ay`))!.markdown, /mode: \*\*human\*\*/);
    const unassigned = put(UNIT, "  - name: unnamed\n", '  - id: later\n');
    assert.match(hoverAt(put(unassigned, 'id: later', `id: la${CURSOR}ter`))!.markdown, /### Step `later`\n\n- mode: \*\*unassigned\*\*[^\n]*\n- performed by: no one/);
  });

  it('shows a metric: kind, unit, baseline → target', () => {
    const ref = hoverAt(put(UNIT, 'measuredBy: [cycle', `measuredBy: [cy${CURSOR}cle`))!;
    assert.equal(ref.covers, 'cycle');
    assert.match(ref.markdown, /### Metric `cycle`\n\n- kind: cycle-time\n- unit: days\n- baseline → target: 6 → 2 days\n- measures the outcome/);
    const decl = hoverAt(put(UNIT, '- id: cycle', `- id: cy${CURSOR}cle`))!;
    assert.equal(decl.markdown, ref.markdown);
    const cost = hoverAt(put(UNIT, '- id: cost', `- id: co${CURSOR}st`))!;
    assert.match(cost.markdown, /baseline → target: no baseline → no target/);
    assert.doesNotMatch(cost.markdown, /measures the outcome/);
  });

  it('shows an exception rule on its id', () => {
    const h = hoverAt(put(UNIT, 'id: fraud', `id: fr${CURSOR}aud`))!;
    assert.equal(h.markdown, '### Exception rule `fraud`\n\nWhen: Fraud score above 0\\.9\n\n- at: `assess`\n- owner: `lead` (human)\n- then: end');
  });

  it('shows free text from the file as text, not as Markdown', () => {
    const src = put(UNIT, 'name: Register the claim', 'name: Register the *claim* <b>now</b>');
    const h = hoverAt(put(src, 'id: register', `id: reg${CURSOR}ister`))!;
    assert.match(h.markdown, /Register the \\\*claim\\\* \\<b\\>now\\<\/b\\>/);
  });

  it('says an undeclared reference is not declared, for actors, steps and metrics', () => {
    const actor = hoverAt(put(UNIT, '[lead, ghost]', `[lead, gh${CURSOR}ost]`))!;
    assert.equal(actor.covers, 'ghost');
    assert.match(actor.markdown, /Not declared: no actor `ghost` is declared under `actors`/);
    assert.match(hoverAt(put(UNIT, 'nowhere', `now${CURSOR}here`))!.markdown, /Not declared: no step has the id `nowhere`/);
    assert.match(hoverAt(put(UNIT, 'ghost-metric', `ghost-m${CURSOR}etric`))!.markdown, /Not declared: no metric `ghost-metric` is tracked/);
    const inv = example('invoice-matching');
    assert.match(hoverAt(cursorIn(inv, 'pay-run'))!.markdown, /Not declared: no step has the id `pay-run`/);
  });

  it('explains `end`, and gives nothing on free text or an empty place', () => {
    const end = hoverAt(put(UNIT, 'next: end', `next: e${CURSOR}nd`))!;
    assert.equal(end.covers, 'end');
    assert.match(end.markdown, /The work ends here/);
    assert.equal(hoverAt(put(UNIT, 'Claims paid', `Claims p${CURSOR}aid`)), undefined);
    assert.equal(hoverAt(put(UNIT, 'kind: human', `kind: hu${CURSOR}man`)), undefined);
    assert.equal(hoverAt(UNIT + `\n${CURSOR}`), undefined);
  });
});
