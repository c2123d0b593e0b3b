import { decisionFed, performerSummary, stepMode } from '../model/queries';
import type { Step, UnitModel } from '../model/types';
import { found, fileRule } from './types';

/**
 * AI-agent work needs a named human; and (1.1, the boundary rule) so does
 * every machine or hybrid step that makes a decision or feeds one — its
 * `next`, or falling through, leads straight into a decision step. Other
 * automation follows fixed rules. An `accountable` naming a machine or an
 * undeclared actor is reported by `accountable-not-human` / `unknown-actor`
 * instead.
 */
export const machineStepWithoutAccountable = fileRule({
  id: 'machine-step-without-accountable',
  defaultLevel: 'warning',
  summary: 'A step performed only or partly by an AI agent, or a machine or hybrid step that makes or feeds a decision, has no human `accountable`.',
  scope: 'file',
  check(unit) {
    const out = [];
    for (const s of unit.steps?.items ?? []) {
      if (s.accountable) continue;
      const name = s.id ? `\`${s.id}\`` : 'without an id';
      const why = performerSummary(unit, s).aiAgent ? 'is performed by an AI agent' : boundaryReason(unit, s);
      if (!why) continue;
      out.push(found('machine-step-without-accountable', s.anchor, `Step ${name} ${why} but no human is accountable for it: add \`accountable:\` with the person who owns its result.`, { step: s.index }));
    }
    return out;
  },
});

/** Why a machine or hybrid step sits on the boundary of a decision, or undefined. */
function boundaryReason(unit: UnitModel, s: Step): string | undefined {
  const mode = stepMode(unit, s);
  if (mode !== 'machine' && mode !== 'hybrid') return undefined;
  const what = mode === 'machine' ? 'is done by a machine' : 'is shared by a person and a machine';
  if (s.isDecision) return `${what} and makes a decision`;
  const target = decisionFed(unit, s);
  if (!target) return undefined;
  return `${what} and feeds the decision ${target.id ? `\`${target.id}\`` : `at step ${target.index + 1}`}`;
}
