/**
 * The completion engine: text, offset and the newest model in, plain
 * candidates out (the LSP layer converts them). The cursor's context comes
 * from the text itself, because while someone types the file is usually not
 * valid YAML; the model (possibly from the last version that parsed) only
 * supplies the names references may take.
 */
import { buildModel } from '../model/build';
import type { UnitModel } from '../model/types';
import { parseText } from '../parse/parse';
import { mdCode } from '../text/markdown';
import type { Span } from '../text/span';
import { cursorContext, type ItemContext, type KeyContext, type ListStart, type ValueContext } from './context';
import { emphasis } from './emphasis';
import { readLines, type TextLines } from './lines';
import { referenceOptions, undeclaredActors } from './references';
import { ACTOR_SNIPPETS, blockKeySnippet, declareActorSnippet, itemSnippets, renderItem, skeleton, type Layout } from './snippets';
import { describe, entrySchema, hasType, itemAlternatives, keysOf, literalsOf, refTargetOf, schemaAt, type Alternative } from './schemaWalk';

export interface CompletionCandidate {
  label: string;
  kind: 'key' | 'value' | 'reference' | 'snippet' | 'skeleton';
  /** e.g. "human · Compliance analyst" for an actor, "required" for a key. */
  detail?: string;
  /** Markdown, from the schema's descriptions. */
  documentation?: string;
  /** May contain snippet tab stops `${1:placeholder}` when `isSnippet`. Lines after the first carry their full indentation (insert as is). */
  insertText: string;
  isSnippet: boolean;
  /** Required keys first. */
  sortText?: string;
  filterText?: string;
  /** The text to replace (UTF-16 offsets): the half-typed word at the cursor, so "perf|" becomes "performer: ". */
  replace: { start: number; end: number };
}

/**
 * Candidates for the cursor at `offset` in `text`. An offset out of range is
 * clamped (one inside a `\r\n` pair counts as the line's end), and any text,
 * however broken, yields a list (possibly empty). A throw is a bug: the
 * property tests look for them, and the server answers that request alone
 * with an error.
 */
export function complete(text: string, offset: number, model?: UnitModel): CompletionCandidate[] {
  let o = Number.isFinite(offset) ? Math.max(0, Math.min(Math.trunc(offset), text.length)) : text.length;
  // Between `\r` and `\n` is no position an editor can show: it is the end of the line.
  if (text[o - 1] === '\r' && text[o] === '\n') o--;
  // Before a BOM is the same place as after it: the BOM is not text anyone sees.
  if (o === 0 && text.charCodeAt(0) === 0xfeff) o = 1;
  return candidates(text, o, model);
}

function candidates(text: string, offset: number, given: UnitModel | undefined): CompletionCandidate[] {
  const tl = readLines(text);
  const ctx = cursorContext(tl, offset);
  const layout: Layout = { unit: ' '.repeat(tl.unit), listsIndented: tl.listsIndented, eol: tl.eol };
  // The model is only needed for reference names; without one, read what the text still yields.
  let cached: { unit: UnitModel | undefined } | undefined;
  const model = (): UnitModel | undefined => (cached ??= { unit: given ?? modelOf(text) }).unit;
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'empty-file':
      return [
        {
          label: 'New work unit',
          kind: 'skeleton',
          detail: 'outcome, actors, steps, exceptions and learning loop',
          documentation: 'A complete work unit with all four elements — outcome, execution logic, execution structure and learning loop — to fill in by tabbing through the placeholders.',
          insertText: skeleton(layout),
          isSnippet: true,
          sortText: '0',
          // The replaced text is the line's indentation; the skeleton starts at column 0.
          filterText: `${text.slice(ctx.replace.start, offset)}workunit`,
          replace: ctx.replace,
        },
      ];
    case 'key':
      return keyCandidates(ctx, tl, layout, model);
    case 'value':
      return valueCandidates(ctx, model);
    case 'item':
      return itemCandidates(ctx, tl, layout, model);
  }
}

function modelOf(text: string): UnitModel {
  return buildModel(parseText(text, { collectComments: false }));
}

function sortKey(tier: number, index: number): string {
  return `${tier}_${String(index).padStart(4, '0')}`;
}

function keyCandidates(ctx: KeyContext, tl: TextLines, layout: Layout, model: () => UnitModel | undefined): CompletionCandidate[] {
  const out: CompletionCandidate[] = [];
  const alts = schemaAt(ctx.path);
  const onDash = ctx.list?.hasDash === true;
  // On a fresh `- `, a whole new item is the likeliest wish; inside an item, its keys are.
  if (ctx.list && !ctx.flow) out.push(...listItemSnippets(ctx.list, ctx, tl, layout, onDash ? 0 : 3));
  for (const k of keysOf(alts)) {
    if (ctx.present.has(k.key)) continue;
    const em = emphasis(ctx.path, k.key, k.required);
    const block = ctx.flow || ctx.colonFollows ? undefined : blockKeySnippet(k.key, layout, ctx.col, ownerOf(model, k.key));
    // A key with one possible value (`workunit: 1`) comes with it.
    const only = literalsOf(k.alternatives);
    const plain = k.alternatives.length === 1 && only.length === 1 ? `${k.key}: ${String(only[0])}` : `${k.key}: `;
    out.push({
      label: k.key,
      kind: 'key',
      detail: [em.label, k.title].filter(Boolean).join(' · ') || undefined,
      documentation: k.description,
      insertText: ctx.colonFollows ? k.key : (block ?? plain),
      isSnippet: block !== undefined,
      sortText: sortKey(onDash ? em.tier + 1 : em.tier, k.order),
      filterText: k.key,
      replace: ctx.replace,
    });
  }
  // A mapping of author-chosen names (`actors`): new entries, not keys.
  if (entrySchema(alts).length > 0 && !ctx.colonFollows) {
    const unit = model();
    undeclaredActors(unit).forEach((id, i) => {
      if (ctx.present.has(id)) return;
      out.push({
        label: id,
        kind: 'snippet',
        detail: 'referenced, not declared yet',
        documentation: `${mdCode(id)} is named by a reference in this unit but not declared: declare it here.`,
        insertText: declareActorSnippet(id),
        isSnippet: true,
        sortText: sortKey(0, i),
        filterText: id,
        replace: ctx.replace,
      });
    });
    ACTOR_SNIPPETS.forEach((s, i) =>
      out.push({
        label: s.label,
        kind: 'snippet',
        detail: s.detail,
        documentation: describe(['actors']),
        insertText: s.insertText,
        isSnippet: true,
        sortText: sortKey(1, i),
        replace: ctx.replace,
      }),
    );
  }
  return out;
}

/** The unit owner, as the default owner of a scaffolded review. */
function ownerOf(model: () => UnitModel | undefined, key: string): string | undefined {
  if (key !== 'learning' && key !== 'review') return undefined;
  const unit = model();
  const owner = unit?.owner?.name;
  return owner && unit?.actors.get(owner)?.kind === 'human' ? owner : undefined;
}

/** New-item snippets for the list an item can start in; without a `- ` yet, they replace from the dash column. */
function listItemSnippets(list: ListStart, ctx: KeyContext | ItemContext, tl: TextLines, layout: Layout, tier: number): CompletionCandidate[] {
  const line = ctx.line;
  const contentCol = list.hasDash ? ctx.replace.start - line.start : list.dashCol + 2;
  const replace: Span = list.hasDash ? ctx.replace : { start: line.start + Math.min(list.dashCol, ctx.replace.start - line.start), end: ctx.replace.end };
  const typed = tl.text.slice(replace.start, ctx.replace.start);
  return itemSnippets(list.path).map((s, i) => ({
    label: s.label,
    kind: 'snippet' as const,
    detail: s.detail,
    documentation: s.documentation,
    insertText: renderItem(s, layout, list.dashCol, !list.hasDash, contentCol),
    isSnippet: true,
    sortText: sortKey(tier, i),
    // What the client filters on is the replaced text: it may start with the indentation it re-indents.
    filterText: `${typed}${s.label}`,
    replace,
  }));
}

function valueCandidates(ctx: ValueContext, model: () => UnitModel | undefined): CompletionCandidate[] {
  const alts = schemaAt(ctx.path);
  const inList = ctx.path[ctx.path.length - 1] === '*';
  // `measuredBy: |` (a list, written as a scalar so far): offer the ids as a one-item flow list.
  const listOnly = !inList && !ctx.flow && hasType(alts, 'array') && !hasType(alts, 'string');
  const valueAlts = listOnly ? itemAlternatives(alts) : alts;
  const lead = ctx.spaceBefore ? ' ' : '';
  const wrap = (v: string) => `${lead}${listOnly ? `[${v}]` : v}`;
  return valueOptions(valueAlts, ctx.path, ctx.present, model, ctx.mapping.get('id')).map((v) => ({
    ...v,
    insertText: wrap(v.insertText),
    filterText: v.label,
    replace: ctx.replace,
  }));
}

function itemCandidates(ctx: ItemContext, tl: TextLines, layout: Layout, model: () => UnitModel | undefined): CompletionCandidate[] {
  const itemPath = [...ctx.list.path, '*'];
  const alts = schemaAt(itemPath);
  if (hasType(alts, 'object')) return listItemSnippets(ctx.list, ctx, tl, layout, 0);
  // A list of ids with no `- ` yet: each id comes with its dash.
  return valueOptions(alts, itemPath, ctx.present, model, undefined).map((v) => ({ ...v, insertText: `- ${v.insertText}`, filterText: v.label, replace: ctx.replace }));
}

type ValueOption = Omit<CompletionCandidate, 'replace'>;

/** Enum values and constants from the schema, then the names a reference may take. */
function valueOptions(alts: Alternative[], path: string[], present: string[], model: () => UnitModel | undefined, currentId: string | undefined): ValueOption[] {
  const out: ValueOption[] = [];
  const doc = describe(path);
  literalsOf(alts).forEach((v, i) => {
    const s = String(v);
    if (present.includes(s)) return;
    out.push({ label: s, kind: 'value', documentation: doc, insertText: s, isSnippet: false, sortText: sortKey(0, i) });
  });
  const target = refTargetOf(alts);
  if (target) {
    const isStepList = path[0] === 'steps';
    referenceOptions(target, path, model(), isStepList ? currentId : undefined).forEach((r, i) => {
      if (present.includes(r.label)) return;
      out.push({
        label: r.label,
        kind: 'reference',
        detail: r.detail,
        documentation: r.documentation ?? doc,
        insertText: r.label,
        isSnippet: false,
        sortText: sortKey(1, i),
      });
    });
  }
  return out;
}
