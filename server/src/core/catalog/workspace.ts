/**
 * The workspace index: every unit file of a catalog as a small summary (its
 * id and value stream with their spans, its name, and the units, actors and
 * steps a workspace symbol search finds), and the catalog rules' findings
 * per file, kept current one file at a time.
 *
 * The catalog rules group units by a key (the id, the value stream): a
 * unit's catalog findings depend only on the units in its groups. The index
 * keeps, per rule, group key → files; a change to one file re-checks only
 * the groups it left and joined, and says which files' findings changed —
 * so the editor re-publishes those and no others. A change that leaves the
 * unit's id and value stream (values and spans) as they were re-checks
 * nothing at all, which is what almost every keystroke is.
 *
 * Pure: no I/O; files are whatever keys the caller uses (the server: URIs).
 */
import { checkUnit } from '../analyze';
import { LevelResolver } from '../config/levels';
import type { UnitModel } from '../model/types';
import { documentSymbols, type UnitSymbol, type UnitSymbolKind } from '../navigation/symbols';
import { CATALOG_RULES, FILE_RULES } from '../rules/registry';
import { CATALOG_KEYS, type CatalogEntry, type CatalogRule, type CatalogUnitKeys, type RawFinding } from '../rules/types';
import type { Position } from '../text/lineIndex';
import { detached } from '../text/detached';

/** What a workspace symbol search finds in a unit: the unit itself, its actors and its steps. */
export type CatalogSymbolKind = Extract<UnitSymbolKind, 'unit' | 'actor' | 'step' | 'decision'>;

export interface CatalogSymbol {
  name: string;
  kind: CatalogSymbolKind;
  detail: string;
  /** The unit the symbol belongs to (its id, else its name); absent for the unit itself. */
  container?: string;
  /** Where to go: the symbol's id (or key), as lines and UTF-16 columns. */
  range: { start: Position; end: Position };
}

/** One file as the catalog sees it. */
export interface UnitSummary extends CatalogUnitKeys {
  name?: string;
  /** Units, actors and steps for workspace symbols. */
  readonly symbols: readonly CatalogSymbol[];
}

/** Every file rule off: `checkUnit` then only parses and builds the model (and catches alias bombs). */
export const PARSE_ONLY = new LevelResolver(Object.fromEntries(FILE_RULES.map((r) => [r.id, 'off' as const])));

/**
 * The summary of a unit's text, or undefined when the catalog cannot read it
 * (not YAML, or not a mapping) — the same files `analyzeCatalog` leaves out.
 */
export function summarizeText(text: string): UnitSummary | undefined {
  const checked = checkUnit(text, PARSE_ONLY);
  return checked.parsed && checked.unit.isMapping ? summarizeUnit(checked.unit) : undefined;
}

/**
 * The summary of a model that parsed. `lazy` keeps the model and lists its
 * symbols only when asked (an open document, whose model is kept anyway and
 * changes on every keystroke); otherwise the symbols are listed now and the
 * model is not retained (a file on disk).
 */
export function summarizeUnit(unit: UnitModel, lazy = false): UnitSummary {
  // Kept without the model: strings detached from the text, which would stay alive through them.
  const own = lazy ? (s: string) => s : detached;
  const keys: CatalogUnitKeys & { name?: string } = { name: unit.name === undefined ? undefined : own(unit.name) };
  for (const k of CATALOG_KEYS) {
    const v = unit[k];
    if (v) keys[k] = { value: own(v.value), span: { start: v.span.start, end: v.span.end } };
  }
  if (!lazy) {
    const container = unit.id?.value ?? unit.name;
    const shared = container === undefined ? undefined : own(container); // one copy for all the unit's symbols
    const symbols = catalogSymbols(unit).map((s) => ({ ...s, name: own(s.name), detail: own(s.detail), ...(s.container !== undefined ? { container: s.container === container ? shared : own(s.container) } : {}) }));
    return { ...keys, symbols };
  }
  let symbols: CatalogSymbol[] | undefined;
  return {
    ...keys,
    get symbols() {
      return (symbols ??= catalogSymbols(unit));
    },
  };
}

/** The unit, its actors and its steps, from the outline (one place decides names, kinds and spans). */
export function catalogSymbols(unit: UnitModel): CatalogSymbol[] {
  const out: CatalogSymbol[] = [];
  const container = unit.id?.value ?? unit.name;
  const add = (s: UnitSymbol, kind: CatalogSymbolKind, inUnit: boolean) =>
    out.push({ name: s.name, kind, detail: s.detail, ...(inUnit && container !== undefined ? { container } : {}), range: unit.lines.rangeOf(s.selectionSpan) });
  for (const u of documentSymbols(unit)) {
    add(u, 'unit', false);
    for (const group of u.children) {
      if (group.kind !== 'actors' && group.kind !== 'steps') continue;
      for (const s of group.children) if (s.kind === 'actor' || s.kind === 'step' || s.kind === 'decision') add(s, s.kind, true);
    }
  }
  return out;
}

export interface SymbolMatch {
  file: string;
  symbol: CatalogSymbol;
  /** The unit's id, for units (a search may name the id rather than the title). */
  unitId?: string;
}

export class CatalogIndex {
  /** File → summary; undefined for a file that is known but not readable as a unit. */
  private readonly files = new Map<string, UnitSummary | undefined>();
  /** Per rule (same order as `rules`): group key → files in the group. */
  private readonly groups: Map<string, Set<string>>[];
  /** Per file: its findings, per rule. Absent: none. */
  private readonly found = new Map<string, RawFinding[][]>();

  constructor(
    private readonly rules: readonly CatalogRule[] = CATALOG_RULES,
    /** How a file is named in findings (`also declared in …`); must tell files apart to be used. */
    private readonly label: (file: string) => string = (f) => f,
  ) {
    this.groups = rules.map(() => new Map());
  }

  get size(): number {
    return this.files.size;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get(file: string): UnitSummary | undefined {
    return this.files.get(file);
  }

  /** Every known file. */
  keys(): IterableIterator<string> {
    return this.files.keys();
  }

  /**
   * Records a file's new content: its text, its summary, or undefined for a
   * file that is no readable unit. Returns every file whose catalog findings
   * changed — the file itself included when its own did.
   */
  set(file: string, content: string | UnitSummary | undefined): Set<string> {
    return this.setMany([[file, content]]);
  }

  /** Forgets a file. Returns the other files whose catalog findings changed. */
  delete(file: string): Set<string> {
    return this.setMany([], [file]);
  }

  /**
   * Many changes at once (a scan), deletions after contents: each group they
   * touch is re-checked once, not once per file — a group of n files costs
   * one check, not n. Returns the files whose findings changed, deleted
   * files aside.
   */
  setMany(contents: Iterable<readonly [string, string | UnitSummary | undefined]>, deletions: Iterable<string> = []): Set<string> {
    const dirty = this.rules.map(() => new Set<string>());
    const changed = new Set<string>();
    const deleted: string[] = [];
    for (const [file, content] of contents) {
      const next = typeof content === 'string' ? summarizeText(content) : content;
      const known = this.files.has(file);
      const prev = this.files.get(file);
      this.files.set(file, next);
      if (!known || !sameKeys(prev, next)) this.regroup(file, prev, next, dirty, changed);
    }
    for (const file of deletions) {
      if (!this.files.has(file)) continue;
      const prev = this.files.get(file);
      this.files.delete(file);
      this.regroup(file, prev, undefined, dirty, changed);
      deleted.push(file);
    }
    dirty.forEach((keys, r) => {
      for (const key of keys) this.recheck(r, key, changed);
    });
    for (const file of deleted) {
      this.found.delete(file);
      changed.delete(file);
    }
    return changed;
  }

  /** The catalog rules' findings for a file, before levels and suppressions ([] for an unknown file). */
  findings(file: string): RawFinding[] {
    return this.found.get(file)?.flat() ?? [];
  }

  /** Units, actors and steps whose name holds `query` (any case); a unit also matches by its id. */
  symbols(query: string): SymbolMatch[] {
    const q = query.toLowerCase();
    const out: SymbolMatch[] = [];
    for (const [file, summary] of this.files) {
      if (!summary) continue;
      for (const symbol of summary.symbols) {
        const unitId = symbol.kind === 'unit' ? summary.id?.value : undefined;
        if (!symbol.name.toLowerCase().includes(q) && !(unitId !== undefined && unitId.toLowerCase().includes(q))) continue;
        out.push(unitId === undefined ? { file, symbol } : { file, symbol, unitId });
      }
    }
    return out;
  }

  /** Moves `file` from the groups of `prev` to those of `next`; the groups it left and joined need a re-check. */
  private regroup(file: string, prev: UnitSummary | undefined, next: UnitSummary | undefined, dirty: Set<string>[], changed: Set<string>): void {
    this.rules.forEach((rule, r) => {
      const groups = this.groups[r];
      const oldKey = prev && rule.groupKey(prev);
      const newKey = next && rule.groupKey(next);
      if (oldKey !== undefined) {
        const g = groups.get(oldKey);
        g?.delete(file);
        if (g && g.size === 0) groups.delete(oldKey);
        dirty[r].add(oldKey);
      }
      if (newKey !== undefined) {
        const g = groups.get(newKey);
        if (g) g.add(file);
        else groups.set(newKey, new Set([file]));
        dirty[r].add(newKey);
      }
      // In a group, the re-check gives the file its findings; in none, it has none.
      if (newKey === undefined) this.store(file, r, [], changed);
    });
  }

  private recheck(r: number, key: string, changed: Set<string>): void {
    const members = [...(this.groups[r].get(key) ?? [])];
    if (members.length === 0) return;
    // A stable order, whatever order the files arrived in: messages do not flicker.
    let labels = members.map((f) => this.label(f));
    const order = members.map((_, i) => i).sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
    if (new Set(labels).size !== labels.length) labels = members; // labels that do not tell files apart are not used
    const byLabel = new Map<string, string>();
    const entries: CatalogEntry[] = order.map((i) => {
      byLabel.set(labels[i], members[i]);
      const s = this.files.get(members[i])!;
      return { file: labels[i], unit: catalogKeys(s) };
    });
    const next = new Map<string, RawFinding[]>(members.map((f) => [f, []]));
    for (const { file, finding } of this.rules[r].checkGroup(key, entries)) next.get(byLabel.get(file) ?? file)?.push(finding);
    for (const [file, findings] of next) this.store(file, r, findings, changed);
  }

  private store(file: string, r: number, findings: RawFinding[], changed: Set<string>): void {
    const perRule = this.found.get(file);
    const before = perRule?.[r] ?? [];
    if (before.length === 0 && findings.length === 0) return;
    if (before.length === findings.length && JSON.stringify(before) === JSON.stringify(findings)) return;
    const slots = perRule ?? this.rules.map(() => []);
    slots[r] = findings;
    if (slots.every((s) => s.length === 0)) this.found.delete(file);
    else this.found.set(file, slots);
    changed.add(file);
  }
}

/** Only what the catalog rules may read. */
function catalogKeys(s: UnitSummary): CatalogUnitKeys {
  const keys: CatalogUnitKeys = {};
  for (const k of CATALOG_KEYS) if (s[k]) keys[k] = s[k];
  return keys;
}

/** Same id and value stream, values and spans: no catalog rule can tell the two apart. */
function sameKeys(a: UnitSummary | undefined, b: UnitSummary | undefined): boolean {
  if (!a || !b) return a === b;
  return CATALOG_KEYS.every((k) => {
    const x = a[k];
    const y = b[k];
    if (!x || !y) return x === y;
    return x.value === y.value && x.span.start === y.span.start && x.span.end === y.span.end;
  });
}
