import { performerSummary } from '../model/queries';
import { found, fileRule } from './types';

/**
 * Only AI-agent work needs a named human: automations follow fixed rules.
 * An `accountable` naming a machine or an undeclared actor is reported by
 * `accountable-not-human` / `unknown-actor` instead.
 */
export const machineStepWithoutAccountable = fileRule({
  id: 'machine-step-without-accountable',
  defaultLevel: 'warning',
  summary: 'A step performed only or partly by an AI agent has no human `accountable`.',
  scope: 'file',
  check(unit) {
    const out = [];
    for (const s of unit.steps?.items ?? []) {
      if (s.accountable || !performerSummary(unit, s).aiAgent) continue;
      out.push(found('machine-step-without-accountable', s.anchor, `Step ${s.id ? `\`${s.id}\`` : 'without an id'} is performed by an AI agent but no human is accountable for it: add \`accountable:\` with the person who owns its result.`, { step: s.index }));
    }
    return out;
  },
});
