/**
 * The catalog rules over a catalog too big to keep: only each unit's keys
 * (its id and value stream, values and spans — what the catalog rules read)
 * are kept, in flat arrays, so a catalog of 100,000 units costs a few MB
 * whatever its units hold. Files are numbered in the order they are added;
 * `findings()` gives what `CATALOG_RULES.check` gives over the same units in
 * that order (the rules see each group's units in that order, and a unit's
 * findings depend only on its groups).
 *
 * Pure: the caller reads and checks the files (see cli/lintFiles.ts).
 */
import { checkUnit } from '../analyze';
import { CATALOG_RULES } from '../rules/registry';
import { PARSE_ONLY } from './workspace';
import { detached } from '../text/detached';
import { CATALOG_KEYS, type CatalogEntry, type CatalogRule, type CatalogUnitKeys, type RawFinding } from '../rules/types';

/** A unit's catalog keys as plain data (what crosses a thread): per key in CATALOG_KEYS order, [value, start, end] or null. */
export type PackedKeys = ([string, number, number] | null)[];

export function packKeys(unit: CatalogUnitKeys): PackedKeys {
  return CATALOG_KEYS.map((k) => {
    const v = unit[k];
    return v ? [detached(v.value), v.span.start, v.span.end] : null;
  });
}

/** The keys of a unit's text, parsed but not checked; undefined when the catalog leaves it out (not YAML, not a mapping). */
export function keysOfText(text: string): PackedKeys | undefined {
  const checked = checkUnit(text, PARSE_ONLY);
  return checked.parsed && checked.unit.isMapping ? packKeys(checked.unit) : undefined;
}

export class CatalogKeyTable {
  /** How findings name each file (`also declared in …`), by file number. */
  private readonly names: string[] = [];
  /** Per key of CATALOG_KEYS: the value (undefined: none) and its span, by file number. */
  private readonly values = CATALOG_KEYS.map(() => [] as (string | undefined)[]);
  private readonly starts = CATALOG_KEYS.map(() => [] as number[]);
  private readonly ends = CATALOG_KEYS.map(() => [] as number[]);
  /** Files that are in the catalog (parsed, a mapping), by file number. */
  private readonly present: boolean[] = [];
  /** One string per distinct value: 10,000 units in 1,000 value streams keep 1,000 names. */
  private readonly interned = new Map<string, string>();

  constructor(private readonly rules: readonly CatalogRule[] = CATALOG_RULES) {}

  get size(): number {
    return this.names.length;
  }

  /** Adds the next file: its keys, or undefined for a file the catalog leaves out (not YAML, not a mapping). Returns its number. */
  add(name: string, keys: PackedKeys | undefined): number {
    const n = this.names.length;
    this.names.push(name);
    this.present.push(keys !== undefined);
    CATALOG_KEYS.forEach((_, k) => {
      const v = keys?.[k];
      this.values[k].push(v ? this.intern(v[0]) : undefined);
      this.starts[k].push(v ? v[1] : 0);
      this.ends[k].push(v ? v[2] : 0);
    });
    return n;
  }

  /** The catalog rules' findings, by file number (files without any are absent). */
  findings(): Map<number, RawFinding[]> {
    const out = new Map<number, RawFinding[]>();
    for (const rule of this.rules) {
      const groups = new Map<string, number[]>();
      for (let n = 0; n < this.names.length; n++) {
        if (!this.present[n]) continue;
        const key = rule.groupKey(this.keysOf(n));
        if (key === undefined) continue;
        const g = groups.get(key);
        if (g) g.push(n);
        else groups.set(key, [n]);
      }
      for (const [key, members] of groups) {
        const entries: CatalogEntry[] = members.map((n) => ({ file: this.names[n], unit: this.keysOf(n) }));
        const byName = new Map(members.map((n) => [this.names[n], n]));
        for (const { file, finding } of rule.checkGroup(key, entries)) {
          const n = byName.get(file)!;
          const list = out.get(n);
          if (list) list.push(finding);
          else out.set(n, [finding]);
        }
      }
    }
    return out;
  }

  private keysOf(n: number): CatalogUnitKeys {
    const unit: Record<string, unknown> = {};
    CATALOG_KEYS.forEach((k, i) => {
      const value = this.values[i][n];
      if (value !== undefined) unit[k] = { value, span: { start: this.starts[i][n], end: this.ends[i][n] } };
    });
    return unit as CatalogUnitKeys;
  }

  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  }
}
