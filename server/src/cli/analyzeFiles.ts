/**
 * What `workunit catalog` reads: the files under a folder, found and
 * configured as `workunit lint FOLDER` finds and configures them (`lint`
 * streams them: cli/lintFiles.ts), reported without keeping their models —
 * first every file's catalog keys (parsed, not checked) and the catalog
 * rules over them, then each file analysed with its catalog findings and
 * added to the report (issue 20).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkUnit, finish, type Analysis } from '../core/analyze';
import { logSourceOf, measureUnit, type LogProblem, type Measurement } from '../core/measure/index';
import { CatalogKeyTable, keysOfText } from '../core/catalog/keyTable';
import { CatalogReportBuilder, type CatalogReport } from '../core/catalog/report';
import { LevelResolver } from '../core/config/levels';
import type { CatalogFileSystem } from '../core/catalog/fileSystem';
import { pathOf, uriOfPath } from '../host/node/fileSystem';
import { cliConfigLookup, cliFileSystem } from './configs';
import { collectFiles, displayPath, stripBom } from './files';

export interface Writer {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** The catalog report of the files under `dir`; config problems and skipped files are noted on `err`. */
export async function reportFiles(dir: string, err: Writer): Promise<CatalogReport> {
  const note = (m: string) => err.write(`workunit: ${m}\n`);
  const configs = cliConfigLookup(note);
  const { files } = await collectFiles([dir], configs, note);
  const read = (file: string) => stripBom(readFileSync(file, 'utf8'));
  const keys = new CatalogKeyTable((n) => files.get(n));
  for (let i = 0; i < files.size; i++) keys.add(keysOfText(read(files.get(i))));
  const catalogFindings = keys.findings();
  const report = new CatalogReportBuilder();
  const fs = cliFileSystem();
  for (let i = 0; i < files.size; i++) {
    const file = files.get(i);
    const levels = new LevelResolver((await configs.forFile(uriOfPath(resolve(file)))).config.rules);
    const analysis = finish(checkUnit(read(file), levels), levels, catalogFindings.get(i) ?? []);
    report.add({ file: displayPath(file), analysis, ...(await measured(file, analysis, fs)) });
  }
  return report.build();
}

/** A unit that names a log, measured from it (the log named as the report names files). */
async function measured(path: string, analysis: Analysis, fs: CatalogFileSystem): Promise<{ measured?: Measurement | LogProblem }> {
  const source = analysis.parsed ? logSourceOf(analysis.unit, uriOfPath(resolve(path))) : undefined;
  if (!source) return {};
  const m = await measureUnit(analysis.unit, source, fs);
  return { measured: 'problem' in m ? m : { ...m, log: displayPath(pathOf(source.uri)) } };
}
