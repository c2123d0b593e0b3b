/**
 * The names a reference may take, from the unit model: actors at
 * `performer`/`accountable`/`owner`, steps at `next`/`at`/`then`, metrics at
 * `measuredBy`. The schema says what a place refers to (its `$ref` is
 * `actorRef`, `stepRef` or `metricRef`); the spec adds what the schema cannot
 * say: where only a human will do, and that `at` cannot be `end`.
 */
import { actorReferences } from '../model/queries';
import type { UnitModel } from '../model/types';
import { mdCode, mdText } from '../text/markdown';
import type { RefTarget } from './schemaWalk';

export interface RefOption {
  label: string;
  detail: string;
  documentation?: string;
}

/** The path without list-item markers: `steps.*.performer.*` → `steps.*.performer`. */
function keyPath(path: readonly string[]): string {
  const p = [...path];
  while (p[p.length - 1] === '*') p.pop();
  return p.join('.');
}

/** Places the spec reserves for a human actor (`accountable-not-human`). */
const HUMAN_ONLY = new Set(['owner', 'steps.*.accountable', 'learning.review.owner']);

export function referenceOptions(target: RefTarget, path: readonly string[], unit: UnitModel | undefined, currentStep?: string): RefOption[] {
  if (!unit) return target === 'step' && keyPath(path) !== 'exceptions.*.at' ? [endOption()] : [];
  switch (target) {
    case 'actor':
      return actorOptions(unit, HUMAN_ONLY.has(keyPath(path)));
    case 'step':
      return stepOptions(unit, keyPath(path) !== 'exceptions.*.at', currentStep);
    case 'metric':
      return metricOptions(unit);
  }
}

function actorOptions(unit: UnitModel, humansOnly: boolean): RefOption[] {
  const out: RefOption[] = [];
  for (const a of unit.actors.values()) {
    if (humansOnly && a.kind !== 'human') continue;
    const what = a.role ?? a.model ?? a.system;
    const kind = a.kind ?? 'kind not set';
    out.push({
      label: a.id,
      detail: what ? `${kind} · ${what}` : kind,
      // Markdown: every string from the file goes through the one helper.
      documentation: [`**${mdCode(a.id)}** — ${mdText(kind)}`, a.role && `role: ${mdText(a.role)}`, a.model && `model: ${mdText(a.model)}`, a.system && `system: ${mdText(a.system)}`]
        .filter(Boolean)
        .join('\n\n'),
    });
  }
  return out;
}

function endOption(): RefOption {
  return { label: 'end', detail: 'ends the case', documentation: '`end`: the work ends here; no step follows.' };
}

function stepOptions(unit: UnitModel, allowEnd: boolean, currentStep: string | undefined): RefOption[] {
  const out: RefOption[] = [];
  const seen = new Set<string>();
  const steps = unit.steps?.items ?? [];
  // The step being edited goes last: routing a step to itself is possible but rarely meant.
  const ordered = [...steps.filter((s) => s.id !== currentStep), ...steps.filter((s) => s.id === currentStep)];
  for (const s of ordered) {
    if (s.id === undefined || s.id === 'end' || seen.has(s.id)) continue;
    seen.add(s.id);
    out.push({
      label: s.id,
      detail: s.id === currentStep ? `this step${s.name ? ` · ${s.name}` : ''}` : `step ${s.index + 1}${s.name ? ` · ${s.name}` : ''}`,
    });
  }
  if (allowEnd) out.push(endOption());
  return out;
}

function metricOptions(unit: UnitModel): RefOption[] {
  const out: RefOption[] = [];
  const seen = new Set<string>();
  for (const m of unit.learning?.metrics?.items ?? []) {
    if (m.id === undefined || seen.has(m.id)) continue;
    seen.add(m.id);
    const figures = m.hasBaseline || m.hasTarget ? `${m.baseline ?? '?'} → ${m.target ?? '?'}${m.unit ? ` ${m.unit}` : ''}` : m.unit;
    out.push({ label: m.id, detail: [m.kind ?? 'metric', figures].filter(Boolean).join(' · ') });
  }
  return out;
}

/** Actors named by a reference but not declared: offered as new keys under `actors`. */
export function undeclaredActors(unit: UnitModel | undefined): string[] {
  if (!unit) return [];
  const out: string[] = [];
  for (const { ref } of actorReferences(unit)) if (!unit.actors.has(ref.name) && !out.includes(ref.name)) out.push(ref.name);
  return out;
}
