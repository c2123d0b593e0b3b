/**
 * `workunit import FILE.bpmn [-o OUT.workunit.yaml | --out-dir DIR] [--force]`:
 * a draft unit per process of a BPMN file (core/bpmn/import.ts), written
 * beside the BPMN file unless told otherwise, and the four-element test of
 * each. Exit codes: 0 imported, 2 a usage error, a file that is not BPMN,
 * has no process or no activity, or an output that exists (without --force)
 * or cannot be written.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isOutFlag, walkOnePath } from './args';
import { writeOutput } from './output';
import { UsageError, displayPath, stripBom } from './files';
import { fourElementTest, importBpmn, importSummary } from '../core/bpmn/import';

export interface ImportOptions {
  file: string;
  out?: string;
  outDir?: string;
  force: boolean;
}

export function parseImportArgs(args: string[]): ImportOptions {
  let out: string | undefined;
  let outDir: string | undefined;
  let force = false;
  const file = walkOnePath(args, 'import', 'BPMN file', ({ flag, value }) => {
    if (isOutFlag(flag)) out = value();
    else if (flag === '--out-dir') outDir = value();
    else if (flag === '--force') force = true;
    else return false;
    return true;
  });
  if (file === undefined) throw new UsageError('import needs a BPMN file.');
  if (out !== undefined && outDir !== undefined) throw new UsageError('Give -o or --out-dir, not both.');
  return { file, out, outDir, force };
}

interface Writer {
  write(s: string): unknown;
}

export async function runImport(args: string[], stdout: Writer, stderr: Writer): Promise<number> {
  const o = parseImportArgs(args);
  const xml = readInput(o.file);
  const result = await importBpmn(xml, basename(o.file));
  if ('error' in result) throw new UsageError(`${o.file}: ${result.error}`);

  const toStdout = o.out === '-';
  if (o.out !== undefined && result.units.length > 1) {
    throw new UsageError(`${o.file} holds ${result.units.length} units (${result.units.map((u) => u.id).join(', ')}): use --out-dir DIR instead of -o.`);
  }
  const targets = result.units.map((u) => ({ unit: u, path: o.out ?? join(o.outDir ?? dirname(o.file), `${u.id}.workunit.yaml`) }));
  if (!o.force && !toStdout) {
    const taken = targets.find((t) => existsSync(t.path));
    if (taken) throw new UsageError(`${taken.path} exists: use --force to overwrite it, or -o / --out-dir to write elsewhere.`);
  }
  // The report goes where the unit does not: stderr when the unit itself is on stdout.
  const report = toStdout ? stderr : stdout;
  for (const note of result.notes) stderr.write(`workunit: ${o.file}: ${note}\n`);
  for (const { unit, path } of targets) {
    writeOutput(unit.text, path, stdout);
    report.write(`${toStdout ? unit.id : displayPath(path)}: ${importSummary(unit)}\n  four-element test: ${fourElementTest(unit)}\n`);
  }
  return 0;
}

function readInput(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`import takes a BPMN file, not a folder: ${file}`);
    return stripBom(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}
