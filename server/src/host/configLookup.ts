/**
 * Finding the `workunit.config.yaml` that governs a file: the nearest one in
 * the file's folder or above it (the catalog's root). Shared by the server
 * and the CLI so both read the same configuration. The cache is an object the
 * caller owns, cleared when a config file changes.
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

export class ConfigLookup {
  private readonly byDir = new Map<string, FoundConfig>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** The config for a file at `filePath`. */
  forFile(filePath: string): FoundConfig {
    return this.forDir(dirname(filePath));
  }

  forDir(dir: string): FoundConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    let found: FoundConfig;
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) {
      found = this.read(candidate, dir);
    } else {
      const parent = dirname(dir);
      found = parent === dir ? { config: EMPTY_CONFIG, problems: [] } : this.forDir(parent);
    }
    this.byDir.set(dir, found);
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

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
