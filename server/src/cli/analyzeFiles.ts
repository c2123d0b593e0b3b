/**
 * What `lint` and `catalog` share: the files PATHS… cover, each read with the
 * levels of its governing workunit.config.yaml (and the command line's
 * overrides), analysed alone — or as a catalog, with the catalog rules,
 * as soon as one of the paths is a folder.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeCatalog, analyzeText, type Analysis } from '../core/analyze';
import { LevelResolver } from '../core/config/levels';
import type { Level } from '../core/rules/types';
import { cliConfigLookup } from './configs';
import { uriOfPath } from '../host/node/fileSystem';
import { collectFiles, displayPath, stripBom } from './files';

export interface Writer {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface AnalyzedFile {
  /** As the outputs name it: see `displayPath`. */
  file: string;
  /** As given on the command line (or found under a folder): for reading and writing. */
  path: string;
  analysis: Analysis;
}

export interface AnalyzeOptions {
  /** `--rule id=level` overrides: win over the config file. */
  rules?: Record<string, Level>;
  /** Called with each file's text before it is analysed; returns the text to analyse (`--fix`). */
  transform?: (path: string, text: string, levels: LevelResolver) => string;
  /** Where config problems and skipped files are reported. */
  err: Writer;
}

export async function analyzeFiles(paths: string[], o: AnalyzeOptions): Promise<{ files: AnalyzedFile[]; sawFolder: boolean }> {
  const note = (m: string) => o.err.write(`workunit: ${m}\n`);
  const configs = cliConfigLookup(note);
  const { files, sawFolder } = await collectFiles(paths, configs, note);
  const inputs = [];
  for (const file of files) {
    const levels = new LevelResolver((await configs.forFile(uriOfPath(resolve(file)))).config.rules, o.rules ?? {});
    const text = stripBom(readFileSync(file, 'utf8'));
    inputs.push({ file, levels, text: o.transform ? o.transform(file, text, levels) : text });
  }
  const results: { file: string; analysis: Analysis }[] = sawFolder
    ? analyzeCatalog(inputs)
    : inputs.map((i) => ({ file: i.file, analysis: analyzeText(i.text, i.levels) }));
  return { files: results.map((r) => ({ file: displayPath(r.file), path: r.file, analysis: r.analysis })), sawFolder };
}
