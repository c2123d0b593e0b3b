/**
 * `workunit.config.yaml`: rule levels and ignore globs for a catalog. This
 * module only reads text; finding the file on disk is the host's job.
 */
import { parseDocument } from 'yaml';
import { expandDocument } from '../parse/expand';
import type { Level } from '../rules/types';
import { readRuleLevels } from './levels';

export const CONFIG_FILE_NAME = 'workunit.config.yaml';

export interface WorkunitConfig {
  rules: Record<string, Level>;
  /** Globs relative to the config file's folder (`drafts/**`). */
  ignore: string[];
}

export const EMPTY_CONFIG: WorkunitConfig = { rules: {}, ignore: [] };

export function parseConfig(text: string, source = CONFIG_FILE_NAME): { config: WorkunitConfig; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  const expanded = doc.errors.length > 0 ? { error: doc.errors[0] } : expandDocument(doc, text);
  if ('error' in expanded) {
    return { config: EMPTY_CONFIG, problems: [`${source}: not valid YAML (${expanded.error.message.split('\n')[0]}); using the defaults.`] };
  }
  const raw = expanded.data;
  if (raw === null || raw === undefined) return { config: EMPTY_CONFIG, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: EMPTY_CONFIG, problems: [`${source}: expected a mapping with \`rules\` and \`ignore\`; using the defaults.`] };
  }
  const obj = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(obj)) if (key !== 'rules' && key !== 'ignore') problems.push(`${source}: unknown key \`${key}\` (ignored).`);
  const { levels, problems: levelProblems } = readRuleLevels(obj.rules, source);
  problems.push(...levelProblems);
  let ignore: string[] = [];
  if (typeof obj.ignore === 'string') ignore = [obj.ignore];
  else if (Array.isArray(obj.ignore)) ignore = obj.ignore.filter((g): g is string => typeof g === 'string');
  else if (obj.ignore !== undefined && obj.ignore !== null) problems.push(`${source}: \`ignore\` must be a list of globs (ignored).`);
  return { config: { rules: levels, ignore }, problems };
}
