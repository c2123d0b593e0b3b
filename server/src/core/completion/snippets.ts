/**
 * Multi-line inserts: a block key that opens its block, a new list item or
 * actor, and the whole-unit skeleton. Templates are written once with
 * indentation markers and rendered in the file's own style:
 *   `{i}` one indentation unit (2 or 4 spaces, as the file has it),
 *   `{l}` a list's indentation under its key (one unit, or none where the
 *         file writes `key:\n- item`),
 *   `{d}` the width of `- ` (an item's keys align after its dash).
 * Ids are placeholders the author tabs through; a literal `}` is escaped as
 * `\}` (snippet syntax), `$` and `\` never occur in the literal text.
 */

export interface Layout {
  /** One indentation unit, as spaces. */
  unit: string;
  /** Whether list items sit one unit under their key. */
  listsIndented: boolean;
  eol: string;
}

/** Renders template lines; every line after the first starts at column `base` (the insert's own column). */
export function render(lines: readonly string[], layout: Layout, base: number): string {
  const pad = ' '.repeat(Math.max(0, base));
  return lines
    .map((l, i) => {
      const body = l.replace(/\{i\}/g, layout.unit).replace(/\{l\}/g, layout.listsIndented ? layout.unit : '').replace(/\{d\}/g, '  ');
      return i === 0 || body === '' ? body : pad + body;
    })
    .join(layout.eol);
}

/** Text that goes into a snippet literally (an id from the model, say). */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

export interface ItemSnippet {
  label: string;
  detail: string;
  documentation: string;
  /** The item's keys, one per line, without the `- `. */
  lines: string[];
}

const ITEMS: Record<string, ItemSnippet[]> = {
  steps: [
    {
      label: 'New step',
      detail: 'step: id, name, performer',
      documentation: 'A step of the execution logic: its id, what it does, and who or what performs it.',
      lines: ['id: ${1:step-id}', 'name: ${2:<what the step does>}', 'performer: ${3}'],
    },
    {
      label: 'New machine step with an accountable human',
      detail: 'step: id, name, performer, accountable',
      documentation: 'A step performed by an AI agent or an automation, with the human who owns its result (`accountable`).',
      lines: ['id: ${1:step-id}', 'name: ${2:<what the step does>}', 'performer: ${3}', 'accountable: ${4}'],
    },
  ],
  exceptions: [
    {
      label: 'New exception rule',
      detail: 'exception: id, when, at, owner, then',
      documentation: 'An exception rule: what triggers it, at which step, who handles it, and where the case goes next.',
      lines: ['id: ${1:exception-id}', 'when: ${2:<what triggers the exception>}', 'at: ${3}', 'owner: ${4}', 'then: ${5}'],
    },
  ],
  'learning.metrics': [
    {
      label: 'New metric',
      detail: 'metric: id, kind, unit, baseline, target',
      documentation: 'A unit-level signal with a baseline (before) and a target (after).',
      lines: ['id: ${1:metric-id}', 'kind: ${2:cycle-time}', 'unit: ${3:hours}', 'baseline: ${4:<the value before the change>}', 'target: ${5:<the value to reach>}'],
    },
  ],
  'learning.changes': [
    {
      label: 'New change',
      detail: 'change: date, change, effect',
      documentation: 'An entry of the change log: what was changed in the unit and its measured effect.',
      lines: ['date: ${1:YYYY-MM-DD}', 'change: ${2:<what was changed>}', 'effect: ${3:<the measured effect>}'],
    },
  ],
};

/** Snippets for a new item of the list at `listPath` (none for lists of ids). */
export function itemSnippets(listPath: readonly string[]): ItemSnippet[] {
  return ITEMS[listPath.join('.')] ?? [];
}

/** An item rendered at its dash column: with its `- ` when the line has none yet, after it otherwise. */
export function renderItem(item: ItemSnippet, layout: Layout, dashCol: number, withDash: boolean, contentCol: number): string {
  if (withDash) return `- ${render(item.lines, layout, dashCol + 2)}`;
  return render(item.lines, layout, contentCol);
}

export interface ActorSnippet {
  label: string;
  detail: string;
  insertText: string;
}

export const ACTOR_SNIPPETS: ActorSnippet[] = [
  { label: 'New human actor', detail: 'actor · human', insertText: '${1:person-id}: { kind: human, role: ${2:<role>} \\}' },
  { label: 'New AI agent', detail: 'actor · ai-agent', insertText: '${1:agent-id}: { kind: ai-agent, model: ${2:<model name>} \\}' },
  { label: 'New automation', detail: 'actor · automation', insertText: '${1:system-id}: { kind: automation, system: ${2:<system name>} \\}' },
];

/** Declares an actor that is referenced but not declared yet: its id is known, its kind is not. */
export function declareActorSnippet(id: string): string {
  return `${escapeSnippet(id)}: { kind: \${1:human}, role: \${2:<role>} \\}`;
}

/** Block keys whose insert opens the block: the first lines an author would type anyway. */
function blockTemplates(owner: string | undefined): Record<string, string[]> {
  const reviewOwner = `\${7:${escapeSnippet(owner ?? 'owner-id')}}`;
  return {
    outcome: [
      'outcome:',
      '{i}statement: ${1:<business result, with its time bound>}',
      '{i}doneWhen: ${2:<the observable condition that means done>}',
      '{i}measuredBy: [${3}]',
    ],
    actors: ['actors:', '{i}${1:actor-id}: { kind: ${2:human}, role: ${3:<role>} \\}'],
    steps: ['steps:', '{l}- id: ${1:step-id}', '{l}{d}name: ${2:<what the step does>}', '{l}{d}performer: ${3}'],
    exceptions: [
      'exceptions:',
      '{l}- id: ${1:exception-id}',
      '{l}{d}when: ${2:<what triggers the exception>}',
      '{l}{d}at: ${3}',
      '{l}{d}owner: ${4}',
    ],
    // The spec: a scaffolded learning loop starts with a cycle-time and an
    // exception-rate metric and a review owned by the unit's owner.
    learning: [
      'learning:',
      '{i}metrics:',
      '{i}{l}- id: cycle-time',
      '{i}{l}{d}kind: cycle-time',
      '{i}{l}{d}unit: ${1:hours}',
      '{i}{l}{d}baseline: ${2:<hours per case before the change>}',
      '{i}{l}{d}target: ${3:<hours per case to reach>}',
      '{i}{l}- id: exception-rate',
      '{i}{l}{d}kind: exception-rate',
      '{i}{l}{d}unit: percent',
      '{i}{l}{d}baseline: ${4:<percent of cases before the change>}',
      '{i}{l}{d}target: ${5:<percent of cases to reach>}',
      '{i}review:',
      '{i}{i}cadence: ${6:monthly}',
      `{i}{i}owner: ${reviewOwner}`,
    ],
    metrics: [
      'metrics:',
      '{l}- id: ${1:metric-id}',
      '{l}{d}kind: ${2:cycle-time}',
      '{l}{d}unit: ${3:hours}',
      '{l}{d}baseline: ${4:<the value before the change>}',
      '{l}{d}target: ${5:<the value to reach>}',
    ],
    review: ['review:', '{i}cadence: ${1:monthly}', `{i}owner: \${2:${escapeSnippet(owner ?? 'owner-id')}}`],
    changes: ['changes:', '{l}- date: ${1:YYYY-MM-DD}', '{l}{d}change: ${2:<what was changed>}', '{l}{d}effect: ${3:<the measured effect>}'],
    // A list of metric ids reads best inline; the cursor lands inside the brackets.
    measuredBy: ['measuredBy: [${1}]'],
  };
}

/** The snippet for a block key written at column `col`, if the key opens a block. */
export function blockKeySnippet(key: string, layout: Layout, col: number, owner?: string): string | undefined {
  const t = blockTemplates(owner)[key];
  return t ? render(t, layout, col) : undefined;
}

/**
 * A complete unit with all four elements, that invents nothing (spec 1.1):
 * what a scaffold cannot know — a statement, a role, a model, a question, a
 * baseline, a target — is a `<…>` placeholder, a tab stop the author fills
 * in; until then `placeholder` keeps each element incomplete ("4 of 4
 * present, 0 complete"). Ids are names the author may keep or change; ids
 * referenced elsewhere share their tab stop, so renaming the owner renames
 * every reference to it. Filled in, it has no error or warning finding (a
 * test holds it to that).
 */
const SKELETON = [
  'workunit: 1',
  'id: ${1:unit-id}',
  'name: ${2:<unit name>}',
  'valueStream: ${3:value-stream}',
  'owner: ${4:process-owner}',
  '',
  'outcome:',
  '{i}statement: ${5:<business result, with its time bound>}',
  '{i}doneWhen: ${6:<the observable condition that means done>}',
  '{i}measuredBy: [${7:cycle-time}, ${8:exception-rate}]',
  '',
  'actors:',
  '{i}${4:process-owner}: { kind: human, role: ${9:<role>} \\}',
  '{i}${10:assistant}: { kind: ai-agent, model: ${11:<model name>} \\}',
  '{i}${12:workflow}: { kind: automation, system: ${13:<system name>} \\}',
  '',
  'steps:',
  '{l}- id: ${14:intake}',
  '{l}{d}name: ${15:<what happens first>}',
  '{l}{d}performer: ${12:workflow}',
  '{l}- id: ${16:assess}',
  '{l}{d}name: ${17:<what the assistant proposes>}',
  '{l}{d}performer: ${10:assistant}',
  '{l}{d}accountable: ${4:process-owner}',
  '{l}- id: ${18:decide}',
  '{l}{d}name: ${19:<what is decided>}',
  '{l}{d}performer: ${4:process-owner}',
  '{l}{d}decision: ${20:<the question decided>}',
  '{l}{d}next: { ${21:approved}: end, ${22:returned}: ${16:assess} \\}',
  '',
  'exceptions:',
  '{l}- id: ${23:needs-a-person}',
  '{l}{d}when: ${24:<what sends the case to a person>}',
  '{l}{d}at: ${16:assess}',
  '{l}{d}owner: ${4:process-owner}',
  '{l}{d}then: ${18:decide}',
  '',
  'learning:',
  '{i}metrics:',
  '{i}{l}- id: ${7:cycle-time}',
  '{i}{l}{d}kind: cycle-time',
  '{i}{l}{d}unit: ${25:hours}',
  '{i}{l}{d}baseline: ${26:<hours per case before the change>}',
  '{i}{l}{d}target: ${27:<hours per case to reach>}',
  '{i}{l}- id: ${8:exception-rate}',
  '{i}{l}{d}kind: exception-rate',
  '{i}{l}{d}unit: percent',
  '{i}{l}{d}baseline: ${28:<percent of cases before the change>}',
  '{i}{l}{d}target: ${29:<percent of cases to reach>}',
  '{i}review:',
  '{i}{i}cadence: ${30:monthly}',
  '{i}{i}owner: ${4:process-owner}',
  '',
];

export function skeleton(layout: Layout): string {
  return render(SKELETON, layout, 0);
}
