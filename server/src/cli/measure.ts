/**
 * `workunit measure FILE [--log PATH] [--format text|json]`: the unit
 * measured from the log of its executions (docs/format.md, "Measuring a unit
 * from its log") — `learning.log`'s path, relative to the unit's file, or
 * `--log PATH`, relative to the current folder.
 * Exit codes: 0 measured (bad rows are counted in the report, targets missed
 * are figures, not failures), 1 the unit is not valid YAML or the log cannot
 * be read (one line on standard error), 2 a usage error.
 */
import { resolve } from 'node:path';
import { analyzeText } from '../core/analyze';
import { columnsOf, logSourceOf, measureUnit, measurementText, type LogSource } from '../core/measure/index';
import { uriOfPath } from '../host/node/fileSystem';
import { cliFileSystem } from './configs';
import { walkOnePath } from './args';
import { readUnitFile, UsageError } from './files';
import { notYamlLine } from './notYaml';

export interface MeasureOptions {
  file: string;
  log?: string;
  format: 'text' | 'json';
}

interface Writer {
  write(s: string): unknown;
}

export function parseMeasureArgs(args: string[]): MeasureOptions {
  let log: string | undefined;
  let format: MeasureOptions['format'] = 'text';
  const file = walkOnePath(args, 'measure', 'file', ({ flag, value }) => {
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`Unknown format \`${f}\`: use text or json.`);
      format = f;
    } else if (flag === '--log') {
      log = value();
    } else return false;
    return true;
  });
  if (file === undefined) throw new UsageError('measure needs a work unit file.');
  return { file, format, ...(log !== undefined ? { log } : {}) };
}

export async function runMeasure(args: string[], stdout: Writer, stderr: Writer): Promise<number> {
  const o = parseMeasureArgs(args);
  const text = readUnitFile(o.file, 'measure');
  const analysis = analyzeText(text);
  if (!analysis.parsed) {
    stderr.write(notYamlLine(o.file, analysis, 'measure'));
    return 1;
  }
  const unit = analysis.unit;
  const source: LogSource | undefined =
    o.log !== undefined ? { uri: uriOfPath(resolve(o.log)), columns: columnsOf(unit) } : logSourceOf(unit, uriOfPath(resolve(o.file)));
  if (!source) throw new UsageError(`${o.file} names no log (learning.log's path): give one with --log PATH.`);

  const result = await measureUnit(unit, source, cliFileSystem());
  if ('problem' in result) {
    stderr.write(`workunit: ${result.problem}\n`);
    return 1;
  }
  stdout.write(o.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : measurementText(result));
  return 0;
}
