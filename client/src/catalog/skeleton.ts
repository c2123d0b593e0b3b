/** The new unit's text: the completion's skeleton with the id, name and value stream filled in (no vscode here: unit-tested). */
import { skeleton } from '../../../server/src/core/completion/snippets';
import { stripSnippet } from '../../../server/src/core/text/snippet';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function validateUnitId(id: string): string | undefined {
  if (id.length === 0) return 'An id is required.';
  return KEBAB.test(id) ? undefined : 'Use kebab-case: lowercase letters and digits separated by single hyphens (invoice-matching).';
}

/** The completion's skeleton as plain text, with this id, name and value stream. */
export function unitSkeleton(id: string, valueStream: string): string {
  const text = stripSnippet(skeleton({ unit: '  ', listsIndented: true, eol: '\n' }));
  const name = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return text
    .replace(/^id: .*$/m, `id: ${id}`)
    .replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`)
    .replace(/^valueStream: .*$/m, `valueStream: ${valueStream}`);
}
