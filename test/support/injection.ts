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

/**
 * Markup that acts if it reaches Markdown unescaped: a link to a command, a
 * remote image (a tracking pixel), raw HTML, bare URLs a linkifier turns into
 * links, a backtick run that ends a code span early, and a line break that
 * starts a heading.
 */
export const markdownPayload = (field: string) =>
  `[click ${field}](command:workbench.action.terminal.new) ![pixel](https://evil.example/${field}.png) <b onclick=x>${field}</b> https://evil.example/${field} www.evil.example \`\`[x](command:evil)\`\` x\n# heading ${field}`;

/** The unit below with any payload (`payload` by default: HTML). */
export function injectionUnit(p: (field: string) => string = payload): string {
  const HUMAN = p('actor-id');
  return JSON.stringify(
    {
      workunit: 1,
      id: 'injection-probe',
      name: p('name'),
      description: p('description'),
      valueStream: 'security',
      owner: 'lead',
      outcome: { statement: `Cases closed within 2 days ${p('statement')}`, doneWhen: p('doneWhen'), measuredBy: p === payload ? ['cycle-time'] : ['cycle-time', p('measuredBy')] },
      actors: {
        lead: { kind: 'human', role: p('role') },
        [HUMAN]: { kind: 'human', role: 'reviewer' },
        agent: { kind: 'ai-agent', model: p('model') },
        erp: { kind: 'automation', system: p('system') },
      },
      steps: [
        { id: 'first', name: p('step-name'), performer: 'agent', accountable: HUMAN },
        { id: 'check', name: 'Check', performer: [HUMAN, 'erp'], accountable: 'lead', decision: p('question') },
        { id: 'post', name: 'Post', performer: 'erp' },
      ],
      exceptions: [{ id: 'odd', when: p('when'), at: 'first', owner: HUMAN, then: 'check' }],
      learning: {
        metrics: [{ id: 'cycle-time', kind: 'cycle-time', unit: p('metric-unit'), source: p('metric-source'), baseline: 4, target: 2 }],
        review: { cadence: 'weekly', owner: 'lead' },
        changes: [{ date: p('change-date'), change: p('change'), effect: p('effect') }],
      },
    },
    null,
    2,
  );
}

export const INJECTION_UNIT = injectionUnit();
/** The same unit with Markdown payloads. */
export const MARKDOWN_INJECTION_UNIT = injectionUnit(markdownPayload);

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
