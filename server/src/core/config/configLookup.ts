/**
 * Finding the `workunit.config.yaml` that governs a file: the nearest one in
 * the file's folder or above it (the catalog's root). Shared by the server
 * (either host) and the CLI so both read the same configuration (format 1.1,
 * settled): the server looks no higher than the workspace folder, and a file
 * outside every folder gets the defaults; the CLI looks no higher than the
 * current folder when the file lies below it, else no higher than the file's
 * own folder. A config planted in a shared parent folder governs nothing. The cache is the lookup's own, cleared when a config file or the
 * folders change.
 */
import { childUri, isInside, parentUri, relativePath } from '../catalog/uris';
import type { CatalogFileSystem } from '../catalog/fileSystem';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type WorkunitConfig } from './configFile';

export interface FoundConfig {
  /** The folder holding the config file (globs are relative to it); undefined when there is none. */
  root?: string;
  /** The config file's URI. */
  uri?: string;
  config: WorkunitConfig;
  problems: string[];
}

const NONE: FoundConfig = { config: EMPTY_CONFIG, problems: [] };

/**
 * How many folders' answers the lookup keeps, the most recently asked. A walk
 * asks folder after folder, and a catalog of 100,000 units in folders of ten
 * has 10,000 of them: kept all, their names and answers (with the lint's
 * own levels per folder, now its last folder's only) were 2.5 of the 13 MB
 * of objects in a lint's heap at 90,000 files (heap snapshots; issue 20).
 * A folder asked again after it left is looked up again (a `stat` per folder
 * up to the one that has a config); the config files themselves are kept
 * (`byFile`), so each is read, and its problems told, once.
 */
const FOLDERS_KEPT = 1024;

export class ConfigLookup {
  /** By folder, in the order last asked (a Map keeps insertion order: the first is the one to let go). */
  private readonly byDir = new Map<string, Promise<FoundConfig>>();
  /** By config file. */
  private readonly byFile = new Map<string, Promise<FoundConfig>>();

  constructor(
    private readonly fs: CatalogFileSystem,
    private readonly log: (message: string) => void = () => {},
    /** The folders to stay within: the workspace folders (the server), the current folder (the CLI); undefined: every parent. */
    private readonly within?: () => readonly string[],
    /**
     * A file outside every folder of `within`: the defaults (the editor), or the nearest config no higher
     * than the file's own folder (the command line, for a file named outside the current folder).
     */
    private readonly outside: 'defaults' | 'own-folder' = 'defaults',
  ) {}

  /** The config for the file `uri`. */
  forFile(uri: string): Promise<FoundConfig> {
    const dir = parentUri(uri);
    return dir === undefined ? Promise.resolve(NONE) : this.forDir(dir);
  }

  forDir(dir: string): Promise<FoundConfig> {
    let found = this.byDir.get(dir);
    if (found) {
      // Asked again: now the most recent.
      this.byDir.delete(dir);
    } else {
      const top = this.topFor(dir);
      found = top === null ? Promise.resolve(NONE) : this.lookUp(dir, top);
      if (this.byDir.size >= FOLDERS_KEPT) this.byDir.delete(this.byDir.keys().next().value!);
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** The highest folder to look in for `dir`: its workspace folder (null when outside every one), undefined without limits. */
  private topFor(dir: string): string | undefined | null {
    if (!this.within) return undefined;
    let top: string | null = null;
    for (const root of this.within()) {
      if (relativePath(root, dir) === undefined) continue;
      // Nested folders: the innermost governs (its catalog is the one the file belongs to).
      if (top === null || isInside(top, root)) top = root;
    }
    return top === null && this.outside === 'own-folder' ? dir : top;
  }

  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
  }

  private async lookUp(dir: string, top: string | undefined): Promise<FoundConfig> {
    const candidate = childUri(dir, CONFIG_FILE_NAME);
    const st = await this.fs.stat(candidate);
    if ('kind' in st && st.kind === 'file') {
      let found = this.byFile.get(candidate);
      if (!found) this.byFile.set(candidate, (found = this.read(candidate, dir)));
      return found;
    }
    const parent = parentUri(dir);
    return parent === undefined || (top !== undefined && relativePath(top, dir) === '') ? NONE : this.forDir(parent);
  }

  private async read(uri: string, root: string): Promise<FoundConfig> {
    const name = this.fs.display(uri);
    const r = await this.fs.read(uri);
    if (!('text' in r)) {
      const problem = `${name}: cannot be read (${'problem' in r ? r.problem : 'gone'}); using the defaults.`;
      this.log(problem);
      return { root, uri, config: EMPTY_CONFIG, problems: [problem] };
    }
    const { config, problems } = parseConfig(r.text, name);
    for (const p of problems) this.log(p);
    return { root, uri, config, problems };
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
