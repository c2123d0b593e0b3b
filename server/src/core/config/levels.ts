/**
 * Rule levels from every source, one resolution: the defaults, then
 * `workunit.config.yaml`, then the editor's `workunit.rules`, then the
 * command line's `--rule` — each later layer wins for the rules it names.
 */
import { defaultLevel, isRuleId, canBeOff } from '../rules/registry';
import type { Level, Severity } from '../rules/types';

export type RuleLevels = Readonly<Record<string, Level>>;

const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];
/** Spellings people type for a level, accepted and normalised. */
const ALIASES: Record<string, Level> = { warn: 'warning', information: 'info', note: 'info', none: 'off', ignore: 'off' };

export function parseLevel(value: unknown): Level | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v) ? (v as Level) : ALIASES[v];
}

/**
 * Reads a `{ rule: level }` map from any source, keeping the valid entries
 * and describing the others (unknown rule, unknown level) for the log.
 */
export function readRuleLevels(raw: unknown, source: string): { levels: Record<string, Level>; problems: string[] } {
  const levels: Record<string, Level> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { levels, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${source}: \`rules\` must be a map of rule id to level.`);
    return { levels, problems };
  }
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const level = parseLevel(value);
    if (!isRuleId(id)) problems.push(`${source}: unknown rule \`${id}\` (ignored).`);
    else if (!level) problems.push(`${source}: \`${id}\` has level ${JSON.stringify(value)}; use one of ${LEVELS.join(', ')} (ignored).`);
    else levels[id] = level;
  }
  return { levels, problems };
}

export class LevelResolver {
  private readonly merged: Record<string, Level>;

  constructor(...layers: (RuleLevels | undefined)[]) {
    this.merged = Object.assign({}, ...layers.filter(Boolean));
  }

  /** The level in force for a rule. A rule that cannot be turned off (`yaml-syntax`) keeps its default then. */
  level(rule: string): Level {
    const l = this.merged[rule] ?? defaultLevel(rule);
    return l === 'off' && !canBeOff(rule) ? defaultLevel(rule) : l;
  }

  isOff(rule: string): boolean {
    return this.level(rule) === 'off';
  }

  severity(rule: string): Severity | undefined {
    const l = this.level(rule);
    return l === 'off' ? undefined : l;
  }
}
