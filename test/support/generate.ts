/**
 * Generated units of any size, for latency measurements and stress tests:
 * a realistic mix of human, AI-agent, automation and hybrid steps, decisions,
 * exception rules and metrics, with a handful of deliberate findings.
 */
export function generateUnit(steps: number, id = `generated-${steps}`): string {
  const out: string[] = [
    'workunit: 1',
    `id: ${id}`,
    `name: Generated unit with ${steps} steps`,
    'valueStream: generated-stream',
    'owner: lead',
    '',
    'outcome:',
    `  statement: Every case closed within ${Math.max(1, Math.round(steps / 10))} days`,
    '  doneWhen: Case closed in the case system',
    '  measuredBy: [cycle-time, exception-rate]',
    '',
    'actors:',
    '  lead: { kind: human, role: Team lead }',
    '  analyst: { kind: human, role: Analyst }',
    '  reviewer: { kind: human, role: Reviewer }',
    '  agent: { kind: ai-agent, model: case-agent-1 }',
    '  bot: { kind: automation, system: Case system }',
    '',
    'steps:',
  ];
  for (let i = 0; i < steps; i++) {
    out.push(`  - id: step-${i}`, `    name: Step number ${i} of the generated process`);
    switch (i % 5) {
      case 0:
        out.push('    performer: bot');
        break;
      case 1:
        out.push('    performer: agent', '    accountable: analyst', '    expectedDuration: 2m');
        break;
      case 2:
        out.push('    performer: [analyst, agent]', '    accountable: analyst', '    decision: Is the case in policy?');
        break;
      case 3:
        out.push('    performer: reviewer');
        break;
      default:
        // Every tenth step: an AI step without an accountable human (a finding).
        out.push(i % 10 === 4 ? '    performer: agent' : '    performer: bot');
    }
  }
  out.push('', 'exceptions:');
  for (let i = 0; i < Math.max(1, Math.floor(steps / 10)); i++) {
    out.push(`  - id: exception-${i}`, `    when: Confidence below 0.${i % 9 + 1} at step ${i * 10 + 1}`, `    at: step-${i * 10 + 1}`, '    owner: analyst', `    then: step-${Math.min(steps - 1, i * 10 + 3)}`);
  }
  out.push(
    '',
    'learning:',
    '  metrics:',
    '    - { id: cycle-time, kind: cycle-time, unit: hours, baseline: 40, target: 24 }',
    '    - { id: exception-rate, kind: exception-rate, unit: percent, baseline: 18, target: 8 }',
    '  review:',
    '    cadence: weekly',
    '    owner: lead',
    '',
  );
  return out.join('\n');
}
