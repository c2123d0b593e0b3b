/**
 * How much a key matters where it is offered. The schema marks few keys
 * `required` (the rest are left to the format's rules, so that a half-written
 * unit gets one finding per problem, not a schema error per gap); the spec's
 * tables and rules say which keys a complete unit has. Required keys sort
 * first, then the four elements and the keys whose absence a rule reports,
 * then the rest.
 */

export type Emphasis = { tier: 0 | 1 | 2; label?: string };

const BY_PLACE: Record<string, Record<string, string>> = {
  '': {
    valueStream: 'recommended',
    owner: 'recommended',
    outcome: 'element 1 · outcome',
    steps: 'element 2 · execution logic',
    exceptions: 'element 2 · execution logic',
    actors: 'element 3 · execution structure',
    learning: 'element 4 · learning loop',
  },
  // The spec's field table: `statement` is required (`missing-outcome` reports it, not the schema).
  outcome: { statement: 'required', doneWhen: 'recommended', measuredBy: 'recommended' },
  'steps.*': { id: 'recommended', name: 'recommended', performer: 'recommended' },
  'exceptions.*': { id: 'recommended', when: 'recommended', at: 'recommended', owner: 'recommended' },
  learning: { metrics: 'recommended', review: 'recommended' },
  'learning.metrics.*': { id: 'recommended', kind: 'recommended', baseline: 'recommended', target: 'recommended' },
  'learning.review': { cadence: 'recommended', owner: 'recommended' },
};

export function emphasis(path: readonly string[], key: string, schemaRequired: boolean): Emphasis {
  const label = BY_PLACE[path.join('.')]?.[key];
  if (schemaRequired || label === 'required') return { tier: 0, label: 'required' };
  if (label) return { tier: 1, label };
  return { tier: 2 };
}
