import { isScalar } from 'yaml';
import { BLOCKS } from '../format/description';
import { nodeAt } from '../schema/validate';
import { found, fileRule } from './types';

/** The keys a unit cannot do without, as the format's description marks them. */
const REQUIRED = BLOCKS.UNIT.keys.filter((k) => k.required).map((k) => k.key);

/**
 * Wrong types and enum values (at the value), and missing required keys that
 * are not one of the four elements (at the unit's `id`, or at the block's key
 * for a key missing inside a block, such as an actor's `kind`).
 */
export const schema = fileRule({
  id: 'schema',
  defaultLevel: 'error',
  summary: 'A value has the wrong type or enum value, or a required key is missing.',
  scope: 'file',
  check(unit, facts) {
    const out = [];
    for (const p of facts.schema()) {
      if (p.kind === 'required') {
        const span = p.path.length === 0 ? unit.anchor : (nodeAt(unit.doc, p.path)?.key ?? unit.anchor);
        const where = p.path.length === 0 ? 'The unit' : p.path[0] === 'actors' ? `Actor \`${p.path[1]}\`` : `\`${p.path.join('.')}\``;
        out.push(found('schema', span, `${where} has no \`${p.missing}\`: add \`${p.missing}:\` (it is required).`, { missing: p.missing, path: p.path }));
      } else if (p.kind === 'value' && p.path.length === 0 && holdsNothing(unit.doc.contents)) {
        // An empty file, or one of comments only (spec 1.1): one finding, on its first line.
        out.push(found('schema', unit.anchor, `The file holds no unit yet: a work unit needs ${REQUIRED.map((k) => `\`${k}\``).join(', ').replace(/, ([^,]*)$/, ' and $1')} — start with \`workunit: 1\`.`, { path: p.path, missing: REQUIRED }));
      } else if (p.kind === 'value') {
        const span = p.span ?? unit.anchor;
        const data = p.allowedValues ? { path: p.path, allowed: p.allowedValues.map(String) } : { path: p.path };
        out.push(found('schema', span, p.message, data));
      }
    }
    return out;
  },
});

/** No node at all, or only an empty one (`---` with nothing after it). */
function holdsNothing(contents: unknown): boolean {
  return contents === null || (isScalar(contents) && contents.value === null);
}
