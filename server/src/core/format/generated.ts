/**
 * The files derived from the format's description, as text: the JSON Schema,
 * and the TextMate grammar (its template with the key and value alternations
 * filled in). Pure: the caller reads the template and writes the results
 * (`scripts/generate.ts`), and a test compares them with the committed files.
 */
import { ALL_KEYS, allPlaces, referenceKeys } from './description';
import { formatSchema } from './schema';

export const SCHEMA_FILE = 'schemas/workunit.schema.json';
export const GRAMMAR_FILE = 'syntaxes/workunit.tmLanguage.json';
export const GRAMMAR_TEMPLATE = 'syntaxes/workunit.tmLanguage.template.json';

export interface GeneratedFile {
  path: string;
  text: string;
}

export function generatedFiles(read: (path: string) => string): GeneratedFile[] {
  return [
    { path: SCHEMA_FILE, text: `${JSON.stringify(formatSchema(), null, 2)}\n` },
    { path: GRAMMAR_FILE, text: grammarFrom(read(GRAMMAR_TEMPLATE)) },
  ];
}

/**
 * A regex alternation that matches the longest name first (`next` before
 * `n…`, `exception-rate` before `exception`), in a stable order.
 */
export function alternation(names: Iterable<string>): string {
  return [...new Set(names)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).join('|');
}

/** Every enum value of the keys named `key`, anywhere in the format (`kind` of an actor and of a metric). */
function enumValues(key: string): string[] {
  const out: string[] = [];
  for (const p of allPlaces()) if (p.spec.key === key && p.spec.value.type === 'enum') out.push(...p.spec.value.values.map((v) => v.value));
  return out;
}

/** The template's `{{…}}` slots, each filled from the description. */
export function grammarFrom(template: string): string {
  const slots: Record<string, string> = {
    keys: alternation(ALL_KEYS),
    'step-refs-with-end': alternation(referenceKeys((v) => v.to === 'step' && !!v.end)),
    'other-refs': alternation(referenceKeys((v) => !(v.to === 'step' && v.end))),
  };
  const text = template.replace(/\{\{([a-z:-]+)\}\}/g, (whole, name: string) => {
    if (name.startsWith('enum:')) return escapeJson(alternation(enumValues(name.slice('enum:'.length))));
    const filled = slots[name];
    if (filled === undefined) throw new Error(`${GRAMMAR_TEMPLATE}: unknown slot ${whole}`);
    return escapeJson(filled);
  });
  return text;
}

/** Names go into JSON strings: a key with a backslash or quote would break them. */
function escapeJson(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
