import { isLogProblem } from '../measure/events';
import { found, measuredRule } from './types';

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * A step declared machine that people did in more than a tenth of its
 * events with a known resource, or declared human that machines did so
 * (the spec's "boundary as run"). At the step's `id` value.
 */
export const boundaryDrift = measuredRule({
  id: 'boundary-drift',
  defaultLevel: 'warning',
  summary: 'A step declared machine that people did in more than a tenth of its events (or declared human that machines did), by the unit\'s log.',
  scope: 'measured',
  check(unit, measured) {
    if (isLogProblem(measured)) return [];
    const steps = unit.steps?.items ?? [];
    return measured.boundary.flatMap((b, i) => {
      const step = steps[i];
      if (!step || !b.drifted) return [];
      const name = step.id ? `\`${step.id}\`` : `#${i + 1}`;
      const shares = `human ${pct(b.human)}, AI agent ${pct(b.aiAgent)}, automation ${pct(b.automation)}`;
      const message =
        b.declared === 'machine'
          ? `Step ${name} is declared machine, but people did ${pct(b.human)} of its events (${shares}): the boundary drifted. Add the human performer, or find out why the machine hands it back.`
          : `Step ${name} is declared human, but machines did ${pct(b.aiAgent + b.automation)} of its events (${shares}): the boundary drifted. Declare the machine performer (and a human \`accountable\`), or find out why.`;
      return [found('boundary-drift', step.anchor, message, { step: step.index, human: b.human, aiAgent: b.aiAgent, automation: b.automation })];
    });
  },
});
