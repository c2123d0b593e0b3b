/**
 * Finding the `workunit.config.yaml` that governs a file: the nearest one in
 * the file's folder or above it (the catalog's root), up to a ceiling when
 * one is given — the language server passes the workspace folder, so a
 * config file planted above the workspace (in a shared temporary folder, a
 * home folder) governs nothing in it. Shared by the server and the CLI so
 * both read the same configuration. The cache is an object the caller owns,
 * cleared when a config file changes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type WorkunitConfig } from '../core/config/configFile';

export interface FoundConfig {
  /** The folder holding the config file (globs are relative to it); undefined when there is none. */
  root?: string;
  path?: string;
  config: WorkunitConfig;
  problems: string[];
}

const NONE: FoundConfig = { config: EMPTY_CONFIG, problems: [] };

export class ConfigLookup {
  /** By ceiling, then by folder: the same folder may lie under different ceilings. */
  private readonly byDir = new Map<string, FoundConfig>();

  /** `log` is told each problem of a config file read (once per read). */
  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** The config for a file at `filePath`; with a `ceiling`, none above that folder counts. */
  forFile(filePath: string, ceiling?: string): FoundConfig {
    return this.forDir(dirname(filePath), ceiling);
  }

  forDir(dir: string, ceiling?: string): FoundConfig {
    const cacheKey = `${ceiling ?? ''}\0${dir}`;
    const cached = this.byDir.get(cacheKey);
    if (cached) return cached;
    let found: FoundConfig;
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) {
      found = this.read(candidate, dir);
    } else {
      const parent = dirname(dir);
      found = parent === dir || dir === ceiling ? NONE : this.forDir(parent, ceiling);
    }
    this.byDir.set(cacheKey, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
  }

  private read(path: string, root: string): FoundConfig {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const problem = `${path}: cannot be read (${(e as Error).message}); using the defaults.`;
      this.log(problem);
      return { root, path, config: EMPTY_CONFIG, problems: [problem] };
    }
    const { config, problems } = parseConfig(text, path);
    for (const p of problems) this.log(p);
    return { root, path, config, problems };
  }
}

/**
 * A config problem without the values it quotes, for a log others may read
 * (the server's): the keys, rule ids and levels of a config file or a
 * setting are the author's data. Names the source and the kind of problem.
 * Reads the wording of `core/config` (`configLookup.test.ts` pins it).
 */
export function withoutValues(problem: string, source: string): string {
  const kinds: [RegExp, string][] = [
    [/: unknown key `/, 'a key other than `rules` and `ignore` (ignored)'],
    [/: unknown rule `/, 'a rule id that is not a rule of the format (ignored)'],
    [/` has level /, 'a rule level that is not one of error, warning, info, hint, off (ignored)'],
    [/: not valid YAML \(/, 'not valid YAML; using the defaults'],
    [/: expected a mapping with `rules` and `ignore`/, 'not a mapping with `rules` and `ignore`; using the defaults'],
    [/: `ignore` must be a list of globs/, '`ignore` is not a list of globs (ignored)'],
    [/: `rules` must be a map of rule id to level/, '`rules` is not a map of rule id to level (ignored)'],
    [/: cannot be read \(/, 'cannot be read; using the defaults'],
  ];
  const kind = kinds.find(([re]) => re.test(problem))?.[1] ?? 'a problem the log does not quote (run `workunit lint` on it for details)';
  return `${source}: ${kind}.`;
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
