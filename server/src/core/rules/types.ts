/**
 * What every rule shares: its identity, its default level and its check.
 * Findings are data: a rule never throws to report a problem.
 */
import type { UnitModel } from '../model/types';
import type { Span } from '../text/span';
import type { UnitFacts } from './facts';
import type { LogProblem } from '../measure/events';
import type { Measurement } from '../measure/measure';

/** A level a user can give a rule. `off` drops its findings entirely. */
export type Level = 'error' | 'warning' | 'info' | 'hint' | 'off';
/** The level a reported finding carries. */
export type Severity = Exclude<Level, 'off'>;

export interface Finding {
  /** The stable rule id from the spec (`unknown-actor`, …). */
  rule: string;
  severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
  /** UTF-16 offsets into the analysed text: the smallest node that shows the problem. */
  span: Span;
  /** Facts a quick-fix needs (never parsed back out of the message). */
  data?: FindingData;
}

/** Structured facts carried by a finding, read by fixes and the client. */
export interface FindingData {
  /** A suggested replacement, e.g. the nearest known key or id. */
  suggestion?: string;
  /** The offending name (an unknown actor, step, metric or key). */
  name?: string;
  [key: string]: unknown;
}

/** A finding before its level is resolved from the settings. */
export type RawFinding = Omit<Finding, 'severity'>;

export interface RuleMeta<Id extends string = string> {
  id: Id;
  defaultLevel: Severity;
  /** One line, used by the CLI's rule list, SARIF and hover. */
  summary: string;
  /** Catalog rules see all units; file rules see one; measured rules see one unit and what its log measured. */
  scope: 'file' | 'catalog' | 'measured';
  /** Whether a level of `off` drops it (default: it does). */
  canBeOff?: boolean;
  /** Whether a `workunit-disable…` comment silences it (default: it does). */
  canBeSilenced?: boolean;
}

export interface FileRule<Id extends string = string> extends RuleMeta<Id> {
  scope: 'file';
  check(unit: UnitModel, facts: UnitFacts): RawFinding[];
}

/** Declares a file rule, keeping its id's literal type for the registry's `RuleId`. */
export function fileRule<const Id extends string>(rule: FileRule<Id>): FileRule<Id> {
  return rule;
}

/**
 * A rule over a unit and its measurement (`learning.log` read and measured,
 * or why it could not be): run by the edge once the log is measured, which
 * is asynchronous and needs the file system — never with the file rules.
 */
export interface MeasuredRule<Id extends string = string> extends RuleMeta<Id> {
  scope: 'measured';
  check(unit: UnitModel, measured: Measurement | LogProblem): RawFinding[];
}

export function measuredRule<const Id extends string>(rule: MeasuredRule<Id>): MeasuredRule<Id> {
  return rule;
}

/** Declares a rule that a pass other than a rule's check reports (`unused-suppression`). */
export function ruleMeta<const Id extends string>(meta: RuleMeta<Id>): RuleMeta<Id> {
  return meta;
}

/** Helper for rule files: a finding without its level. */
export function found(rule: string, span: Span, message: string, data?: FindingData): RawFinding {
  return data === undefined ? { rule, span, message } : { rule, span, message, data };
}

/**
 * What the catalog rules read of a unit: its id and its value stream, with
 * where they stand — and nothing else, so a change elsewhere in a file
 * cannot change a catalog finding (the workspace index relies on it).
 */
export const CATALOG_KEYS = ['id', 'valueStream'] as const;
export type CatalogUnitKeys = Pick<UnitModel, (typeof CATALOG_KEYS)[number]>;

/** A unit as the catalog sees it: which file it is in, and its model (or just its keys). */
export interface CatalogEntry {
  file: string;
  unit: CatalogUnitKeys;
}

export type CatalogFinding = { file: string; finding: RawFinding };

/**
 * A rule across the files of a catalog. Its findings for a unit depend only
 * on the units that share the unit's group key (its id, its value stream…):
 * `groupKey` and `checkGroup` say so, which lets the editor's workspace index
 * re-check one group when one file changes. `check` runs every group at once.
 */
export interface CatalogRule<Id extends string = string> extends RuleMeta<Id> {
  scope: 'catalog';
  /** The group a unit belongs to for this rule; undefined: the rule does not look at the unit. */
  groupKey(unit: CatalogUnitKeys): string | undefined;
  /** The findings of one group: every entry has `key` as its group key. */
  checkGroup(key: string, group: CatalogEntry[]): CatalogFinding[];
  check(entries: CatalogEntry[]): CatalogFinding[];
}

/** Helper for catalog rule files: `check` is every group's `checkGroup`, groups in first-seen order. */
export function catalogRule<const Id extends string>(rule: Omit<CatalogRule<Id>, 'scope' | 'check'>): CatalogRule<Id> {
  return {
    ...rule,
    scope: 'catalog',
    check(entries) {
      const groups = new Map<string, CatalogEntry[]>();
      for (const e of entries) {
        const key = rule.groupKey(e.unit);
        if (key === undefined) continue;
        const group = groups.get(key);
        if (group) group.push(e);
        else groups.set(key, [e]);
      }
      return [...groups].flatMap(([key, group]) => rule.checkGroup(key, group));
    },
  };
}
