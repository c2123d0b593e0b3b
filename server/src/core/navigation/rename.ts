/**
 * Rename an actor, a step, a metric or an exception rule: its declaration and
 * every reference to it, and nothing else — not a `name` that happens to
 * contain the id, not a symbol of another kind with the same name, not a
 * comment. A reference written through an alias (`performer: *lead`) is
 * renamed where the anchored scalar is written, once.
 */
import { parseDocument } from 'yaml';
import type { UnitModel } from '../model/types';
import { WORKUNIT_SCHEMA } from '../schema/validate';
import type { Span } from '../text/span';
import { locate, occurrences, sameSymbol, type Occurrence, type SymbolKind } from './locate';
import { scalarTextSpan, writtenScalar } from './source';

export type PrepareRenameResult = { span: Span; placeholder: string } | { error: string };

export interface TextEdit {
  span: Span;
  newText: string;
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

const KIND_NAMES: Record<SymbolKind, string> = { actor: 'actor', step: 'step', metric: 'metric', exception: 'exception rule' };
const KEBAB = new RegExp(WORKUNIT_SCHEMA.definitions?.id?.pattern ?? '^[a-z0-9]+(-[a-z0-9]+)*$');

/** What a rename at `offset` would rename, and the range an editor shows for it. */
export function prepareRename(unit: UnitModel, offset: number): PrepareRenameResult {
  const target = renameTarget(unit, offset);
  if ('error' in target) return target;
  const { occurrence } = target;
  const written = writtenScalar(unit, occurrence.span);
  // On an alias, the editor shows the alias (that is what the cursor is on); the edit lands on the anchor.
  const span = written && !written.viaAlias ? (scalarTextSpan(unit, written.scalar) ?? occurrence.span) : occurrence.span;
  return { span, placeholder: occurrence.name };
}

export function rename(unit: UnitModel, offset: number, newName: string): RenameResult {
  const target = renameTarget(unit, offset);
  if ('error' in target) return target;
  const { occurrence: o } = target;
  const name = newName.trim();
  const what = KIND_NAMES[o.kind];
  const problem = checkName(unit, o, name);
  if (problem) return { error: problem };
  if (name === o.name) return { edits: [] };

  // Exception ids are referenced by nothing: renaming one is an edit of that id only.
  const renamed = o.kind === 'exception' ? [o] : sameSymbol(unit, o);
  const edits = new Map<string, TextEdit>();
  for (const x of renamed) {
    const span = editSpan(unit, x.span);
    if (!span) return { error: `The ${what} \`${o.name}\` is written at ${where(unit, x.span)} in a form rename cannot rewrite (a block scalar or an alias to a collection); rename it by hand.` };
    edits.set(`${span.start}:${span.end}`, { span, newText: name });
  }
  // An anchored scalar shared with another symbol (`id: &x review` … `next: *x` where `review` is also a metric)
  // would rename that one too.
  for (const other of occurrences(unit)) {
    if (other.kind === o.kind && other.name === o.name) continue;
    const span = editSpan(unit, other.span);
    if (span && edits.has(`${span.start}:${span.end}`)) {
      return { error: `\`${o.name}\` at ${where(unit, span)} is also read as ${article(KIND_NAMES[other.kind])} \`${other.name}\` through a YAML alias: renaming it would change that too. Remove the alias first.` };
    }
  }
  return { edits: [...edits.values()].sort((a, b) => a.span.start - b.span.start) };
}

function renameTarget(unit: UnitModel, offset: number): { occurrence: Occurrence } | { error: string } {
  const hit = locate(unit, offset);
  if (!hit) {
    if (isEndAt(unit, offset)) return { error: '`end` is a keyword that ends the flow, not a step id: it cannot be renamed.' };
    return { error: 'Nothing to rename here: put the cursor on an actor, step, metric or exception id, or on a reference to one.' };
  }
  if (hit.type === 'key') return { error: `\`${hit.key}\` is a key of the format: it cannot be renamed.` };
  const o = hit.occurrence;
  const what = KIND_NAMES[o.kind];
  if (o.role === 'reference' && !sameSymbol(unit, o).some((x) => x.role === 'declaration')) {
    return { error: `\`${o.name}\` is not a declared ${what}: declare it first, or edit the reference.` };
  }
  return { occurrence: o };
}

function checkName(unit: UnitModel, o: Occurrence, name: string): string | undefined {
  const what = KIND_NAMES[o.kind];
  if (name.length === 0) return `Give the ${what} a name.`;
  if (!KEBAB.test(name)) return `\`${name}\` is not a kebab-case id: use lowercase words joined by hyphens, e.g. \`kyc-screener\`.`;
  if (readsAs(name) !== name) return `\`${name}\` would be read by YAML as ${describe(readsAs(name))}, not as an id: choose another name.`;
  if (o.kind === 'step' && name === 'end') return '`end` is the keyword that ends the flow: a step cannot be called `end`.';
  if (name === o.name) return undefined;
  const same = occurrences(unit).filter((x) => x.kind === o.kind && x.name === name);
  if (same.some((x) => x.role === 'declaration')) return `There is already ${article(what)} \`${name}\` in this unit.`;
  if (same.length > 0) {
    return `\`${name}\` is already referenced as an undeclared ${what} (at ${where(unit, same[0].span)}): renaming to it would change what that reference means.`;
  }
  return undefined;
}

/** Where a rename writes for the occurrence written at `span`: the name inside its quotes, or the anchored scalar of an alias. */
function editSpan(unit: UnitModel, span: Span): Span | undefined {
  const written = writtenScalar(unit, span);
  return written ? scalarTextSpan(unit, written.scalar) : undefined;
}

function isEndAt(unit: UnitModel, offset: number): boolean {
  const refs = [...(unit.steps?.items ?? []).flatMap((s) => s.next ?? []), ...unit.exceptions.flatMap((e) => (e.then ? [e.then] : []))];
  return refs.some((r) => r.name === 'end' && offset >= r.span.start && offset <= r.span.end);
}

/** What YAML reads a name written plain as (`null`, `true`, `0x1f` are no strings); only kebab-case names come here, which always parse. */
function readsAs(name: string): unknown {
  return parseDocument(name).toJS();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `something else (${JSON.stringify(value)})`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function where(unit: UnitModel, span: Span): string {
  const p = unit.lines.positionAt(span.start);
  return `line ${p.line + 1}`;
}
