/**
 * Names that point nowhere or clash: an undeclared actor, an unknown step or
 * metric, a key the format does not define, a duplicate id, an enum value
 * the schema does not allow. The rule's `data.suggestion` (a near enough
 * name) makes the replacement safe and preferred; without it, the nearest
 * name is still offered, not preferred.
 */
import { safeNextTargets } from '../rules/no-path-to-end';
import { METRIC_KIND_VALUES } from '../format/description';
import { isMap } from 'yaml';
import { stepIds } from '../model/queries';
import { nodeAt } from '../schema/validate';
import { editDistance } from '../text/nearest';
import { KEBAB, machineKindRaisesError, machineRefRaisesError, replace, stepOfPerformer, type FixBuilder } from './common';
import { keyRenameIsSafe, nextRenameLosesSteps, performerAddsFinding } from './safety';
import { numberToFill } from './elements';
import { choice, type FixDraft } from './snippet';
import { appendItem, docIndex, insertKey, mapValue, pairIn, rootMap, sc, seqValue, upsertKey, yamlString, type YMap } from './yamlEdit';

const KIND_TITLE: Record<string, string> = { human: 'a human', 'ai-agent': 'an AI agent', automation: 'an automation' };
/** `custom` first: where the name says nothing, the author's own kind is the likeliest. */
const METRIC_KINDS = ['custom', ...METRIC_KIND_VALUES.map((v) => v.value).filter((k) => k !== 'custom')];

/**
 * A rename to the rule's suggestion, preferred. Without one no rename is
 * offered: the rule found no name near enough, and the farthest "nearest"
 * name (`bob` → `agent`) is a guess, not a fix.
 */
function renames(text: string, span: { start: number; end: number }, suggestion: unknown, candidates: string[]): FixDraft[] {
  if (typeof suggestion !== 'string' || !candidates.includes(suggestion)) return [];
  return [{ title: `Change to \`${suggestion}\``, edits: [replace(text, span, yamlString(suggestion))], preferred: true }];
}

export const unknownActor: FixBuilder = ({ unit, finding, w }) => {
  const name = String(finding.data?.name ?? '');
  const role = finding.data?.role;
  // Naming a machine where a person is due, or where it was a decision's last possible person, trades this error for another.
  const fits = (id: string) => {
    const kind = unit.actors.get(id)?.kind;
    return !((kind === 'ai-agent' || kind === 'automation') && machineRefRaisesError(unit, finding.span, role));
  };
  const out = renames(unit.text, finding.span, finding.data?.suggestion, [...unit.actors.keys()].filter(fits));
  // A machine where the unknown name stood can make its step an AI step without an accountable, or the
  // unit's first machine step without exception rules: offered, not preferred.
  const step = role === 'performer' ? stepOfPerformer(unit, finding.span) : undefined;
  for (const f of out) {
    const kind = unit.actors.get(String(finding.data?.suggestion))?.kind;
    const others = step?.performers.filter((p) => p.span.start !== finding.span.start) ?? [];
    if (step && performerAddsFinding(unit, step, [kind], others)) f.preferred = false;
  }
  const actorsMap = mapValue(pairIn(rootMap(unit), 'actors'));
  if (KEBAB.test(name) && actorsMap && actorsMap.items.length > 0) {
    const last = actorsMap.items[actorsMap.items.length - 1];
    const block = isMap(last.value) && !last.value.flow;
    const kinds = machineKindRaisesError(unit, name) ? ['human'] : ['human', 'ai-agent', 'automation'];
    for (const kind of kinds) {
      const entry: YMap = { map: [['kind', sc(kind)]], flow: !block };
      const edits = insertKey(w, actorsMap, yamlString(name), entry, [...unit.actors.keys()]);
      if (edits) out.push({ title: `Declare \`${name}\` as ${KIND_TITLE[kind]}`, edits });
    }
  }
  return out;
};

export const unknownStep: FixBuilder = ({ unit, finding }) => {
  const name = String(finding.data?.name ?? '');
  // A step whose `next` names itself, or that closes a loop with no way out, is never offered (the rule's
  // suggestion already leaves those out); a `next` that now skips the step it fell through to may leave
  // steps unreachable: offered, not preferred.
  const owner = unit.steps?.items.find((s) => s.next?.some((r) => r.span.start === finding.span.start));
  const candidates = owner ? safeNextTargets(unit, owner, finding.span) : [...stepIds(unit)];
  const out = renames(unit.text, finding.span, finding.data?.suggestion, candidates);
  const suggestion = String(finding.data?.suggestion);
  for (const f of out) if (owner && nextRenameLosesSteps(unit, finding.span, suggestion)) f.preferred = false;
  if (finding.data?.key !== 'at' && name !== 'end') out.push({ title: 'Change to `end`', edits: [replace(unit.text, finding.span, 'end')] });
  return out;
};

/** The metric kind a name hints at, first; the others after. */
function metricKinds(name: string): string[] {
  const hints: [RegExp, string][] = [
    [/time|duration|lead|cycle|latency|age/i, 'cycle-time'],
    [/exception|error|reject|escalat|fail|rework|reopen/i, 'exception-rate'],
    [/quality|accura|first-pass|defect|complian/i, 'quality'],
    [/throughput|volume|count|per-/i, 'throughput'],
    [/cost|spend|price/i, 'cost'],
    [/impact|revenue|satisf|nps|csat/i, 'impact'],
  ];
  const guess = hints.find(([re]) => re.test(name))?.[1];
  return guess ? [guess, ...METRIC_KINDS.filter((k) => k !== guess)] : METRIC_KINDS;
}

export const unknownMetric: FixBuilder = ({ unit, finding, w }) => {
  const name = String(finding.data?.name ?? '');
  const ids = (unit.learning?.metrics?.items ?? []).flatMap((m) => (m.id === undefined ? [] : [m.id]));
  const out = renames(unit.text, finding.span, finding.data?.suggestion, ids);
  const learning = mapValue(pairIn(rootMap(unit), 'learning'));
  if (learning && !unit.malformed.has('learning.metrics')) {
    const metric: YMap = { map: [['id', sc(yamlString(name))], ['kind', sc(choice(metricKinds(name)))], ['baseline', numberToFill('baseline')], ['target', numberToFill('target')]] };
    const seq = seqValue(pairIn(learning, 'metrics'));
    let edits;
    if (seq && seq.items.length > 0) {
      const last = seq.items[seq.items.length - 1];
      edits = appendItem(w, seq, { ...metric, flow: isMap(last) && !!last.flow });
    } else {
      edits = upsertKey(w, learning, 'metrics', { seq: [metric] }, []);
    }
    if (edits) out.push({ title: `Add metric \`${name}\` to \`learning.metrics\``, edits });
  }
  return out;
};

export const unknownKey: FixBuilder = ({ unit, finding }) => {
  const suggestion = finding.data?.suggestion;
  const entry = docIndex(unit).pairs.get(finding.span.start);
  // Renaming onto a key the mapping already has would make a duplicate key: not YAML.
  if (typeof suggestion !== 'string' || !entry || pairIn(entry.map, suggestion)) return [];
  const preferred = keyRenameIsSafe(unit, entry.map, entry.pair, suggestion);
  return [{ title: `Rename to \`${suggestion}\``, edits: [replace(unit.text, finding.span, yamlString(suggestion))], preferred }];
};

export const duplicateId: FixBuilder = ({ unit, finding }) => {
  const name = String(finding.data?.name ?? '');
  const what = finding.data?.what;
  const items = what === 'step' ? (unit.steps?.items ?? []) : what === 'exception rule' ? unit.exceptions : (unit.learning?.metrics?.items ?? []);
  // A repeat made by an alias (`- *first`) shares the original's id node: renaming it would rename both.
  if (items.filter((i) => i.anchor.start === finding.span.start).length > 1) return [];
  const taken = new Set(items.map((i) => i.id));
  // The k-th repeat gets the k-th free suffix, so fixing all repeats at once makes no new clash.
  const repeats = items.filter((i) => i.id === name).slice(1);
  const k = Math.max(0, repeats.findIndex((i) => i.anchor.start === finding.span.start));
  let id = name;
  for (let n = 2, free = -1; free < k; n++) {
    if (!taken.has(`${name}-${n}`)) {
      free++;
      id = `${name}-${n}`;
    }
  }
  return [{ title: `Rename to \`${id}\``, edits: [replace(unit.text, finding.span, yamlString(id))], preferred: true }];
};

/** An enum value the schema does not allow: each allowed value, nearest first. */
export const schemaEnum: FixBuilder = ({ unit, finding }) => {
  const allowed = finding.data?.allowed;
  const path = finding.data?.path;
  if (!Array.isArray(allowed) || !Array.isArray(path)) return [];
  const written = unit.text.slice(finding.span.start, finding.span.end).replace(/^["']|["']$/g, '');
  let values = allowed.map(String);
  // An actor's kind: a machine where a person is due would trade this error for another.
  if (path.length === 3 && path[0] === 'actors' && path[2] === 'kind' && machineKindRaisesError(unit, String(path[1]))) values = values.filter((v) => v === 'human');
  values.sort((a, b) => editDistance(written, a) - editDistance(written, b));
  // An empty value (`kind:`) is reported at its key: the value goes after the key's colon, and the key stays.
  const key = nodeAt(unit.doc, path.map(String))?.key;
  const keyColon = key ? unit.text.indexOf(':', key.end) : -1;
  const colon = key && key.start === finding.span.start && key.end === finding.span.end ? keyColon : undefined;
  if (colon === -1) return [];
  // A wrong value written on the lines under its key (`workunit:` then `- 1`): the plain value goes after the
  // key's colon, in place of all of it; a comment in between would be lost, so then no fix.
  const below = colon === undefined && keyColon >= 0 && unit.lines.lineAt(finding.span.start) > unit.lines.lineAt(keyColon);
  if (below && unit.text.slice(keyColon + 1, finding.span.start).includes('#')) return [];
  // The rule's `allowed` holds the values as text: an enum value is a plain token (`weekly`, `ai-agent`, `1`), written unquoted.
  return values.map((v) => {
    const token = /^[\w-]+$/.test(v) ? v : yamlString(v);
    const edit =
      colon !== undefined
        ? { start: colon + 1, end: colon + 1, newText: ` ${token}` }
        : below
          ? { ...replace(unit.text, finding.span, ` ${token}`), start: keyColon + 1 }
          : replace(unit.text, finding.span, token);
    return { title: `Change to \`${v}\``, edits: [edit] };
  });
};

export function referenceBuilders(): Record<string, FixBuilder> {
  return {
    'unknown-actor': unknownActor,
    'unknown-step': unknownStep,
    'unknown-metric': unknownMetric,
    'unknown-key': unknownKey,
    'duplicate-id': duplicateId,
    schema: schemaEnum,
  };
}


