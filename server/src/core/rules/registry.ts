/**
 * The one registry of rules: every rule id, its default level and its check.
 * Adding a rule = one file in this folder, one line here, one docs page and
 * its fixtures (the tests insist on all four).
 */
import { accountableNotHuman } from './accountable-not-human';
import { boundaryDrift } from './boundary-drift';
import { logUnreadable } from './log-unreadable';
import { metricWorseThanBaseline } from './metric-worse-than-baseline';
import { stepWithoutEvents } from './step-without-events';
import { unmappedActivities } from './unmapped-activities';
import { decisionWithoutHuman } from './decision-without-human';
import { duplicateId } from './duplicate-id';
import { duplicateUnitId } from './duplicate-unit-id';
import { exceptionWithoutOwner } from './exception-without-owner';
import { learningWithoutMetrics } from './learning-without-metrics';
import { machineStepWithoutAccountable } from './machine-step-without-accountable';
import { metricWithoutBaseline } from './metric-without-baseline';
import { metricWithoutTarget } from './metric-without-target';
import { missingCoreMetrics } from './missing-core-metrics';
import { missingExecutionLogic } from './missing-execution-logic';
import { missingExecutionStructure } from './missing-execution-structure';
import { missingLearningLoop } from './missing-learning-loop';
import { missingOutcome } from './missing-outcome';
import { noExceptionRules } from './no-exception-rules';
import { noPathToEnd } from './no-path-to-end';
import { outcomeIsActivity } from './outcome-is-activity';
import { outcomeNotMeasurable } from './outcome-not-measurable';
import { placeholder } from './placeholder';
import { reviewWithoutOwner } from './review-without-owner';
import { schema } from './schema';
import { stepWithoutOwner } from './step-without-owner';
import type { CatalogRule, FileRule, MeasuredRule, RuleMeta, Severity } from './types';
import { unknownActor } from './unknown-actor';
import { unknownKey } from './unknown-key';
import { unknownMetric } from './unknown-metric';
import { unknownStep } from './unknown-step';
import { unreachableStep } from './unreachable-step';
import { unusedActor } from './unused-actor';
import { unusedSuppression } from './unused-suppression';
import { valueStreamSize } from './value-stream-size';
import { yamlSyntax } from './yaml-syntax';

/** Per-file rules, in the spec's order. `yaml-syntax` runs alone on broken files. */
const FILE_RULE_LIST = [
  yamlSyntax,
  schema,
  unknownKey,
  missingOutcome,
  outcomeIsActivity,
  outcomeNotMeasurable,
  missingExecutionLogic,
  missingExecutionStructure,
  missingLearningLoop,
  stepWithoutOwner,
  unknownActor,
  accountableNotHuman,
  machineStepWithoutAccountable,
  decisionWithoutHuman,
  duplicateId,
  unknownStep,
  unreachableStep,
  exceptionWithoutOwner,
  noExceptionRules,
  learningWithoutMetrics,
  metricWithoutBaseline,
  metricWithoutTarget,
  missingCoreMetrics,
  unknownMetric,
  reviewWithoutOwner,
  unusedActor,
  noPathToEnd,
  placeholder,
] as const;
export const FILE_RULES: readonly FileRule[] = FILE_RULE_LIST;

const CATALOG_RULE_LIST = [duplicateUnitId, valueStreamSize] as const;
export const CATALOG_RULES: readonly CatalogRule[] = CATALOG_RULE_LIST;

/**
 * Rules over a unit and its log's measurement, run by the edge once the log
 * is measured (asynchronously: see `checkMeasured` in analyze.ts).
 */
const MEASURED_RULE_LIST = [logUnreadable, stepWithoutEvents, unmappedActivities, boundaryDrift, metricWorseThanBaseline] as const;
export const MEASURED_RULES: readonly MeasuredRule[] = MEASURED_RULE_LIST;

/** Every rule id there is, as a type: a misspelt id in code does not compile. */
export type RuleId =
  | (typeof FILE_RULE_LIST)[number]['id']
  | (typeof unusedSuppression)['id']
  | (typeof CATALOG_RULE_LIST)[number]['id']
  | (typeof MEASURED_RULE_LIST)[number]['id'];

/** Every rule, including the suppression pass's own. */
export const ALL_RULES: readonly RuleMeta<RuleId>[] = [...FILE_RULE_LIST, unusedSuppression, ...CATALOG_RULE_LIST, ...MEASURED_RULE_LIST].map(
  ({ id, defaultLevel, summary, scope, canBeOff, canBeSilenced }) => ({ id, defaultLevel, summary, scope, canBeOff, canBeSilenced }),
);

const BY_ID = new Map<string, RuleMeta<RuleId>>(ALL_RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/** A level of `off` drops the rule's findings, unless the rule says it cannot be turned off. */
export function canBeOff(id: string): boolean {
  return BY_ID.get(id)?.canBeOff !== false;
}

/** A suppression comment silences the rule's findings, unless the rule says it cannot be silenced. */
export function canBeSilenced(id: string): boolean {
  return BY_ID.get(id)?.canBeSilenced !== false;
}

export function defaultLevel(id: string): Severity {
  return BY_ID.get(id)?.defaultLevel ?? 'warning';
}

/** Where a rule's page lives; the editor links each finding's code here. */
export const DOCS_BASE = 'https://github.com/work-unit-studio/work-unit-studio/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
