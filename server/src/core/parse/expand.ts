/**
 * The document as plain data, aliases and merge keys applied: what the
 * schema checks. The yaml library's composer lets through four problems
 * that only expanding meets, and its `toJS` throws on each (or runs out of
 * stack): an alias with no anchor before it, a merge key (`<<`) whose value
 * is not a mapping or a list of mappings, a merge key that merges a mapping
 * holding it, and aliases that expand past the limit (an "alias bomb").
 * `expandDocument` finds them first, by walking the document in the order
 * `toJS` does and counting as it counts, and returns the first as a syntax
 * problem at the node that has it. What it returns as data never threw.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLSeq } from 'yaml';
import type { SyntaxProblem } from './parse';

/**
 * The most alias expansion `toJS` allows (its `maxAliasCount`): a real unit
 * repeats a few shared values (a `<<: *defaults`, an actor list), a dozen
 * aliases or so; the "billion laughs" file needs ten levels of ten. The
 * library weighs each use of an anchor by what the anchored value itself
 * expands to, so this bounds the data expanded, not only the aliases written.
 */
export const MAX_ALIAS_COUNT = 1000;

type Expanded = { data: unknown } | { error: SyntaxProblem };

export function expandDocument(doc: Document, text: string): Expanded {
  // Every problem the walk looks for needs an alias (`*a`) or a merge key (`<<`) written in the text.
  const problem = text.includes('*') || text.includes('<<') ? new ExpansionWalk(doc, text).run() : undefined;
  if (problem) return { error: problem };
  return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
}

/** One anchor's use so far, as the library counts it (`count` starts at 1 for the anchored value itself). */
interface AnchorUse {
  count: number;
  /** What one use expands to (the library's `aliasCount`): 0 until the first alias to it. */
  weight: number;
}

/** A node an alias stands for (or a value as written), or the problem met on the way. */
interface Resolved {
  node?: unknown;
  problem?: SyntaxProblem;
}

class ExpansionWalk {
  /** Each alias's anchored node: the last node before it, in document order, with that anchor. */
  private readonly sources = new Map<Alias, Node>();
  private readonly uses = new Map<Node, AnchorUse>();
  /** Mappings being expanded: a merge of one of them would never end. */
  private readonly open = new Set<Node>();
  /** Whether `<<` merges here, as the document's schema says (`merge: true`, or YAML 1.1). */
  private readonly merges: boolean;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
  ) {
    this.merges = doc.schema.tags.some((tag) => tag.tag === MERGE_TAG && tag.default);
    const anchored = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const source = anchored.get(node.source);
          if (source) this.sources.set(node, source);
        } else if (node.anchor) {
          anchored.set(node.anchor, node);
        }
      },
    });
  }

  /** The first problem, in the order `toJS` would meet it. */
  run(): SyntaxProblem | undefined {
    return this.value(this.doc.contents);
  }

  /** The library's `toJS(node)`: an anchored node starts its count afresh. */
  private value(node: unknown): SyntaxProblem | undefined {
    if (isAlias(node)) return this.resolve(node).problem;
    if (!isCollection(node) && !isScalar(node)) return undefined;
    if (node.anchor) this.uses.set(node, { count: 1, weight: 0 });
    return this.contents(node);
  }

  /** The library's `node.toJSON()`: the items of a collection, in order. */
  private contents(node: Node): SyntaxProblem | undefined {
    if (!isCollection(node)) return undefined;
    this.open.add(node);
    for (const item of node.items as unknown[]) {
      const problem = isPair(item) ? this.pair(item) : this.value(item);
      if (problem) return problem;
    }
    this.open.delete(node);
    return undefined;
  }

  private pair(pair: Pair<unknown, unknown>): SyntaxProblem | undefined {
    if (!this.merges || !isMergeKey(pair.key)) return this.value(pair.key) ?? this.value(pair.value);
    // `<<: *a`, `<<: {…}` or `<<: [*a, *b]`: each source mapping's entries, expanded again for this one.
    const merged: Resolved = isAlias(pair.value) ? this.resolve(pair.value) : { node: pair.value };
    if (merged.problem) return merged.problem;
    const list = isSeq(merged.node);
    for (const item of list ? (merged.node as YAMLSeq).items : [merged.node]) {
      const source: Resolved = isAlias(item) ? this.resolve(item) : { node: item };
      if (source.problem) return source.problem;
      // Said at the item of a list written here, else at the value (at the key when the value is empty: `<<:`).
      const at = writtenAt((list && !isAlias(pair.value) ? item : pair.value) as Node | null) ?? (pair.key as Node);
      if (!isMap(source.node)) return this.problem('BAD_MERGE', 'A merge key `<<` takes a mapping, an alias of one, or a list of them; this value is not one', at);
      if (this.open.has(source.node)) return this.problem('MERGE_CYCLE', 'This merge key `<<` merges a mapping it is part of, which would never end: merge a mapping written elsewhere', at);
      const problem = this.contents(source.node);
      if (problem) return problem;
    }
    return undefined;
  }

  /** The library's `alias.resolve(doc, ctx)`: the anchored node, one more use of it counted against the limit. */
  private resolve(alias: Alias): Resolved {
    const source = this.sources.get(alias);
    if (!source) {
      return { problem: this.problem('UNRESOLVED_ALIAS', `The alias \`*${alias.source}\` names no anchor before it: write \`&${alias.source}\` on the value it repeats, above this line`, alias) };
    }
    if (!this.uses.has(source)) {
      const problem = this.value(source);
      if (problem) return { problem };
    }
    const use = this.uses.get(source)!;
    use.count++;
    if (use.weight === 0) use.weight = this.weight(source);
    if (use.count * use.weight > MAX_ALIAS_COUNT) {
      const message = `The YAML expands too many aliases: this \`*${alias.source}\` takes the expansion past its limit (${MAX_ALIAS_COUNT}) — this looks like an alias bomb`;
      return { problem: this.problem('ALIAS_EXPANSION', message, alias) };
    }
    return { node: source };
  }

  /** What one use of a node expands to, as the library weighs it (`getAliasCount`): the heaviest alias inside, or 1. */
  private weight(node: unknown): number {
    if (isAlias(node)) {
      const source = this.sources.get(node);
      const use = source && this.uses.get(source);
      return use ? use.count * use.weight : 0;
    }
    if (isPair(node)) return Math.max(this.weight(node.key), this.weight(node.value));
    if (!isCollection(node)) return 1;
    let heaviest = 0;
    for (const item of node.items as unknown[]) heaviest = Math.max(heaviest, this.weight(item));
    return heaviest;
  }

  private problem(code: string, message: string, node: Node): SyntaxProblem {
    const [start, end] = node.range ?? [0, 0];
    return { code, message, span: { start, end: Math.max(Math.min(end, this.text.length), start) } };
  }
}

/** A node with text of its own (an empty value, `<<:`, has none). */
function writtenAt(node: Node | null): Node | undefined {
  return node?.range && node.range[1] > node.range[0] ? node : undefined;
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** A merge key as the library reads one: a plain `<<` (or one it resolved with the merge tag). */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (typeof key.value === 'symbol') return key.value.description === '<<';
  return (!key.type || key.type === 'PLAIN') && key.value === '<<';
}
