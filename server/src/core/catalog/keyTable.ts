/**
 * The catalog rules over a catalog too big to keep: only each unit's keys
 * (its id and value stream, values and spans — what the catalog rules read)
 * are kept, packed (core/packed.ts), so a catalog of 100,000 units costs a
 * few MB whatever its units hold, and no object per unit. Files are numbered in the order they are added;
 * `findings()` gives what `CATALOG_RULES.check` gives over the same units in
 * that order (the rules see each group's units in that order, and a unit's
 * findings depend only on its groups).
 *
 * Pure: the caller reads and checks the files (see cli/lintFiles.ts).
 */
import { checkUnit } from '../analyze';
import { CATALOG_RULES } from '../rules/registry';
import { PARSE_ONLY } from './workspace';
import { textHash } from '../text/hash';
import { IntList, StringList } from '../packed';
import { CATALOG_KEYS, type CatalogEntry, type CatalogRule, type CatalogUnitKeys, type RawFinding } from '../rules/types';

/** A unit's catalog keys as plain data (what crosses a thread): per key in CATALOG_KEYS order, [value, start, end] or null. */
export type PackedKeys = ([string, number, number] | null)[];

export function packKeys(unit: CatalogUnitKeys): PackedKeys {
  return CATALOG_KEYS.map((k) => {
    const v = unit[k];
    return v ? [v.value, v.span.start, v.span.end] : null;
  });
}

/** The keys of a unit's text, parsed but not checked; undefined when the catalog leaves it out (not YAML, not a mapping). */
export function keysOfText(text: string): PackedKeys | undefined {
  const checked = checkUnit(text, PARSE_ONLY);
  return checked.parsed && checked.unit.isMapping ? packKeys(checked.unit) : undefined;
}

export class CatalogKeyTable {
  /** Per key of CATALOG_KEYS: the value ('' when none) and its span (start -1: none), by file number. */
  private readonly values = CATALOG_KEYS.map(() => new StringList());
  private readonly starts = CATALOG_KEYS.map(() => new IntList());
  private readonly ends = CATALOG_KEYS.map(() => new IntList());
  /** 1 for a file in the catalog (parsed, a mapping), by file number. */
  private readonly present = new IntList();

  constructor(
    /** How findings name file `n` (`also declared in …`): the caller keeps the names. */
    private readonly nameOf: (n: number) => string,
    private readonly rules: readonly CatalogRule[] = CATALOG_RULES,
  ) {}

  get size(): number {
    return this.present.size;
  }

  /** Adds the next file: its keys, or undefined for a file the catalog leaves out (not YAML, not a mapping). */
  add(keys: PackedKeys | undefined): void {
    this.present.push(keys === undefined ? 0 : 1);
    CATALOG_KEYS.forEach((_, k) => {
      const v = keys?.[k];
      this.values[k].push(v ? v[0] : '');
      this.starts[k].push(v ? v[1] : -1);
      this.ends[k].push(v ? v[2] : -1);
    });
  }

  /**
   * The catalog rules' findings, by file number (files without any are
   * absent). Each rule's groups are found by sorting the files by a hash of
   * their group key, so that only one group's entries exist at a time.
   */
  findings(): Map<number, RawFinding[]> {
    const out = new Map<number, RawFinding[]>();
    for (const rule of this.rules) {
      const keyOf = (n: number) => (this.present.get(n) ? rule.groupKey(this.keysOf(n)) : undefined);
      const hashes = new Uint32Array(this.size);
      const members: number[] = [];
      for (let n = 0; n < this.size; n++) {
        const key = keyOf(n);
        if (key === undefined) continue;
        hashes[n] = textHash(key);
        members.push(n);
      }
      // By hash, then by file number: a group's files stay in catalog order.
      const order = Uint32Array.from(members).sort((a, b) => hashes[a] - hashes[b] || a - b);
      for (let run = 0; run < order.length; ) {
        let end = run + 1;
        while (end < order.length && hashes[order[end]] === hashes[order[run]]) end++;
        // Equal hashes: almost always one group; split by the keys themselves.
        const groups = new Map<string, number[]>();
        for (let i = run; i < end; i++) {
          const key = keyOf(order[i])!;
          const g = groups.get(key);
          if (g) g.push(order[i]);
          else groups.set(key, [order[i]]);
        }
        for (const [key, group] of groups) this.check(rule, key, group, out);
        run = end;
      }
    }
    return out;
  }

  private check(rule: CatalogRule, key: string, group: number[], out: Map<number, RawFinding[]>): void {
    const byName = new Map(group.map((n) => [this.nameOf(n), n]));
    const entries: CatalogEntry[] = group.map((n) => ({ file: this.nameOf(n), unit: this.keysOf(n) }));
    for (const { file, finding } of rule.checkGroup(key, entries)) {
      const n = byName.get(file)!;
      const list = out.get(n);
      if (list) list.push(finding);
      else out.set(n, [finding]);
    }
  }

  private keysOf(n: number): CatalogUnitKeys {
    const unit: Record<string, unknown> = {};
    CATALOG_KEYS.forEach((k, i) => {
      const start = this.starts[i].get(n);
      if (start >= 0) unit[k] = { value: this.values[i].get(n), span: { start, end: this.ends[i].get(n) } };
    });
    return unit as CatalogUnitKeys;
  }
}
