/**
 * A unit with markup in every free-text field of the format — names,
 * descriptions, the outcome, roles, models, systems, questions, exception
 * triggers, metric units and sources, change notes — and in the actor ids
 * (mapping keys, so any string) that every reference repeats. Each payload
 * names its field, so a test can say which one got through. Written as JSON,
 * which is YAML, so no payload needs YAML escaping by hand.
 */

/** Markup that runs script if it reaches a page unescaped: in text, in an attribute, in a script. */
export const payload = (field: string) => `<img src=x onerror=alert('${field}')>"'><svg onload=alert('${field}')></script><script>alert('${field}')</script>`;

/** The free-text fields the unit below carries a payload in. */
export const INJECTED_FIELDS = [
  'name',
  'description',
  'statement',
  'doneWhen',
  'role',
  'model',
  'system',
  'step-name',
  'question',
  'when',
  'metric-unit',
  'metric-source',
  'change-date',
  'change',
  'effect',
  'actor-id',
] as const;

/** The fields the boundary diagram draws (and its message to the panel carries); the others it does not show. */
export const DRAWN_IN_DIAGRAM = ['name', 'statement', 'role', 'model', 'system', 'step-name', 'question', 'when', 'metric-unit', 'actor-id'];
/** The fields the catalog report lists. */
export const LISTED_IN_CATALOG = ['name', 'metric-unit', 'actor-id'];

const HUMAN = payload('actor-id');

export const INJECTION_UNIT = JSON.stringify(
  {
    workunit: 1,
    id: 'injection-probe',
    name: payload('name'),
    description: payload('description'),
    valueStream: 'security',
    owner: 'lead',
    outcome: { statement: `Cases closed within 2 days ${payload('statement')}`, doneWhen: payload('doneWhen'), measuredBy: ['cycle-time'] },
    actors: {
      lead: { kind: 'human', role: payload('role') },
      [HUMAN]: { kind: 'human', role: 'reviewer' },
      agent: { kind: 'ai-agent', model: payload('model') },
      erp: { kind: 'automation', system: payload('system') },
    },
    steps: [
      { id: 'first', name: payload('step-name'), performer: 'agent', accountable: HUMAN },
      { id: 'check', name: 'Check', performer: [HUMAN, 'erp'], accountable: 'lead', decision: payload('question') },
      { id: 'post', name: 'Post', performer: 'erp' },
    ],
    exceptions: [{ id: 'odd', when: payload('when'), at: 'first', owner: HUMAN, then: 'check' }],
    learning: {
      metrics: [{ id: 'cycle-time', kind: 'cycle-time', unit: payload('metric-unit'), source: payload('metric-source'), baseline: 4, target: 2 }],
      review: { cadence: 'weekly', owner: 'lead' },
      changes: [{ date: payload('change-date'), change: payload('change'), effect: payload('effect') }],
    },
  },
  null,
  2,
);

/**
 * The tags of an SVG/HTML document that a payload would have made: a tag
 * named img, script or iframe, or any tag with an `on…=` event attribute.
 * (Escaped payloads are text — `&lt;img …` — and are no tags.)
 */
export function liveMarkup(markup: string): string[] {
  const found: string[] = [];
  for (const m of markup.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    // Attribute values aside: an escaped payload inside a value is text.
    const attributes = m[2].replace(/"[^"]*"|'[^']*'/g, '""');
    if (/^(?:img|script|iframe|object|embed)$/i.test(m[1]) || /\son\w+\s*=/i.test(attributes)) found.push(m[0]);
  }
  return found;
}

/** Raw HTML left in Markdown: `<` outside code spans and not backslash-escaped. */
export function rawHtmlInMarkdown(markdown: string): string[] {
  const bare = markdown.replace(/``[^`]*``|`[^`]*`/g, '').replace(/\\./g, '');
  return bare.match(/<[a-zA-Z/!?][^\n]{0,40}/g) ?? [];
}
