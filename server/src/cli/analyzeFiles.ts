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
import { checkUnit, finish } from '../core/analyze';
import { CatalogKeyTable, keysOfText } from '../core/catalog/keyTable';
import { CatalogReportBuilder, type CatalogReport } from '../core/catalog/report';
import { ConfigLookup } from '../core/config/configLookup';
import { LevelResolver } from '../core/config/levels';
import { nodeFileSystem, uriOfPath } from '../host/node/fileSystem';
import { collectFiles, displayPath, stripBom } from './files';

export interface Writer {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** The catalog report of the files under `dir`; config problems and skipped files are noted on `err`. */
export async function reportFiles(dir: string, err: Writer): Promise<CatalogReport> {
  const note = (m: string) => err.write(`workunit: ${m}\n`);
  const configs = new ConfigLookup(nodeFileSystem, note);
  const { files } = await collectFiles([dir], configs, note);
  const read = (file: string) => stripBom(readFileSync(file, 'utf8'));
  const keys = new CatalogKeyTable((n) => files.get(n));
  for (let i = 0; i < files.size; i++) keys.add(keysOfText(read(files.get(i))));
  const catalogFindings = keys.findings();
  const report = new CatalogReportBuilder();
  for (let i = 0; i < files.size; i++) {
    const file = files.get(i);
    const levels = new LevelResolver((await configs.forFile(uriOfPath(resolve(file)))).config.rules);
    report.add({ file: displayPath(file), analysis: finish(checkUnit(read(file), levels), levels, catalogFindings.get(i) ?? []) });
  }
  return report.build();
}
