/**
 * `workunit export FILE --format bpmn [-o OUT]`: the unit as BPMN 2.0 XML with
 * a laid-out diagram (core/bpmn/export.ts). Exit codes: 0 written, 1 the file
 * is not valid YAML, 2 a usage error or a file that cannot be read or written.
 */
import { readFileSync, statSync } from 'node:fs';
import { walkArgs } from './args';
import { notYamlLine } from './notYaml';
import { writeOutput } from './output';
import { UsageError, stripBom } from './files';
import { analyzeText } from '../core/analyze';
import { exportBpmn } from '../core/bpmn/export';

export interface ExportOptions {
  file: string;
  format: 'bpmn';
  out?: string;
}

export function parseExportArgs(args: string[]): ExportOptions {
  let file: string | undefined;
  let format: 'bpmn' | undefined;
  let out: string | undefined;
  walkArgs(args, ({ raw: a, flag, value }) => {
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'bpmn') throw new UsageError(`Unknown format \`${f}\`: use bpmn.`);
      format = f;
    } else if (flag === '-o' || flag === '--out' || flag === '--output') out = value();
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option \`${a}\`. Run \`workunit --help\` for the options.`);
    else if (file === undefined) file = a;
    else throw new UsageError(`export takes one file (got \`${file}\` and \`${a}\`).`);
  });
  if (file === undefined) throw new UsageError('export needs a work unit file.');
  if (format === undefined) throw new UsageError('export needs --format bpmn.');
  return { file, format, out };
}

interface Writer {
  write(s: string): unknown;
}

export async function runExport(args: string[], stdout: Writer, stderr: Writer): Promise<number> {
  const o = parseExportArgs(args);
  let text: string;
  try {
    if (statSync(o.file).isDirectory()) throw new UsageError(`export takes a file, not a folder: ${o.file}`);
    text = stripBom(readFileSync(o.file, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read ${o.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const analysis = analyzeText(text);
  if (!analysis.parsed) {
    stderr.write(notYamlLine(o.file, analysis, 'export'));
    return 1;
  }
  writeOutput(await exportBpmn(analysis.unit), o.out, stdout);
  return 0;
}
