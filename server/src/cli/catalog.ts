/**
 * `workunit catalog [DIR] [--format md|html|json] [-o OUT]`: the catalog
 * report over every unit under DIR (default: the current folder), found and
 * configured as `workunit lint DIR` finds and configures them (the same
 * `ignore` globs and rule levels from workunit.config.yaml, the catalog
 * rules included), each unit that names a log (`learning.log`) measured
 * from it. Markdown to standard output by default.
 * Exit codes: 0 the report was written (findings do not fail it: that is
 * `lint`'s job), 2 a usage error or a file that cannot be written.
 */
import { isOutFlag, walkOnePath } from './args';
import { writeOutput } from './output';
import { statSync } from 'node:fs';
import { renderJson } from '../core/catalog/report';
import { renderHtml } from '../core/catalog/html';
import { renderMarkdown } from '../core/catalog/markdown';
import { reportFiles, type Writer } from './analyzeFiles';
import { UsageError } from './files';

export type CatalogFormat = 'md' | 'html' | 'json';

export interface CatalogOptions {
  dir: string;
  format: CatalogFormat;
  out?: string;
}

const FORMAT_NAMES: Record<string, CatalogFormat> = { md: 'md', markdown: 'md', html: 'html', json: 'json' };

export function parseCatalogArgs(args: string[]): CatalogOptions {
  let format: CatalogFormat = 'md';
  let out: string | undefined;
  const dir = walkOnePath(args, 'catalog', 'folder', ({ flag, value }) => {
    if (flag === '--format' || flag === '-f') {
      const f = value();
      const known = FORMAT_NAMES[f];
      if (!known) throw new UsageError(`Unknown format \`${f}\`: use md, html or json.`);
      format = known;
    } else if (isOutFlag(flag)) {
      out = value();
    } else return false;
    return true;
  });
  return { dir: dir ?? '.', format, out };
}

export async function runCatalog(args: string[], stdout: Writer, stderr: Writer): Promise<number> {
  const o = parseCatalogArgs(args);
  let isDir: boolean;
  try {
    isDir = statSync(o.dir).isDirectory();
  } catch {
    throw new UsageError(`No such folder: ${o.dir}`);
  }
  if (!isDir) throw new UsageError(`catalog takes a folder, not a file: ${o.dir}`);

  const report = await reportFiles(o.dir, stderr);
  const output = o.format === 'json' ? renderJson(report) : o.format === 'html' ? renderHtml(report) : renderMarkdown(report);
  writeOutput(output, o.out, stdout);
  return 0;
}

