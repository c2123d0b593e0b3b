import { nodeAt } from '../schema/validate';
import { found, fileRule } from './types';

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
      } else if (p.kind === 'value') {
        const span = p.span ?? unit.anchor;
        const data = p.allowedValues ? { path: p.path, allowed: p.allowedValues.map(String) } : { path: p.path };
        out.push(found('schema', span, p.message, data));
      }
    }
    return out;
  },
});
