/**
 * `workunit export FILE --format bpmn [-o OUT]`: the unit as BPMN 2.0 XML with
 * a laid-out diagram (core/bpmn/export.ts). Exit codes: 0 written, 1 the file
 * is not valid YAML, 2 a usage error or a file that cannot be read or written.
 */
import { isOutFlag, walkOnePath } from './args';
import { notYamlLine } from './notYaml';
import { writeOutput } from './output';
import { UsageError, readUnitFile } from './files';
import { analyzeText } from '../core/analyze';
import { exportBpmn } from '../core/bpmn/export';

export interface ExportOptions {
  file: string;
  format: 'bpmn';
  out?: string;
}

export function parseExportArgs(args: string[]): ExportOptions {
  let format: 'bpmn' | undefined;
  let out: string | undefined;
  const file = walkOnePath(args, 'export', 'file', ({ flag, value }) => {
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'bpmn') throw new UsageError(`Unknown format \`${f}\`: use bpmn.`);
      format = f;
    } else if (isOutFlag(flag)) out = value();
    else return false;
    return true;
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
  const text = readUnitFile(o.file, 'export');
  const analysis = analyzeText(text);
  if (!analysis.parsed) {
    stderr.write(notYamlLine(o.file, analysis, 'export'));
    return 1;
  }
  writeOutput(await exportBpmn(analysis.unit), o.out, stdout);
  return 0;
}
