/**
 * `workunit render FILE [--format svg|html] [--width PX] [-o OUT] [--theme light|dark]`:
 * the boundary diagram of one unit, laid out with its findings (levels from
 * the governing workunit.config.yaml, as `lint` reads them) and rendered.
 * `--width PX` fits the drawing into PX at 100% (top to bottom where the
 * flow across would not fit).
 * Exit codes: 0 rendered (findings are drawn on the diagram, not judged
 * here), 1 the file is not valid YAML, 2 a usage error or a file that cannot
 * be read or written.
 */
import { isOutFlag, walkOnePath } from './args';
import { notYamlLine } from './notYaml';
import { writeOutput } from './output';
import { resolve } from 'node:path';
import { analyzeText } from '../core/analyze';
import { LevelResolver } from '../core/config/levels';
import { layoutDiagram } from '../core/diagram/layout';
import { renderHtml } from '../core/diagram/html';
import { renderSvg } from '../core/diagram/svg';
import { cliConfigLookup } from './configs';
import { uriOfPath } from '../host/node/fileSystem';
import { readUnitFile, UsageError } from './files';

export interface RenderOptions {
  file: string;
  format: 'svg' | 'html';
  out?: string;
  theme: 'light' | 'dark';
  width?: number;
}

export function parseRenderArgs(args: string[]): RenderOptions {
  let format: RenderOptions['format'] = 'svg';
  let out: string | undefined;
  let theme: RenderOptions['theme'] = 'light';
  let width: number | undefined;
  const file = walkOnePath(args, 'render', 'file', ({ flag, value }) => {
    if (flag === '--format' || flag === '-f') {
      const f = value();
      if (f !== 'svg' && f !== 'html') throw new UsageError(`Unknown format \`${f}\`: use svg or html.`);
      format = f;
    } else if (isOutFlag(flag)) {
      out = value();
    } else if (flag === '--theme') {
      const t = value();
      if (t !== 'light' && t !== 'dark') throw new UsageError(`Unknown theme \`${t}\`: use light or dark.`);
      theme = t;
    } else if (flag === '--width') {
      const w = value();
      if (!/^\d+$/.test(w) || Number(w) < 320 || Number(w) > 100_000) throw new UsageError(`--width takes a number of pixels from 320 up (got \`${w}\`).`);
      width = Number(w);
    } else return false;
    return true;
  });
  if (file === undefined) throw new UsageError('render needs a work unit file.');
  return { file, format, out, theme, ...(width !== undefined ? { width } : {}) };
}

interface Writer {
  write(s: string): unknown;
}

export async function runRender(args: string[], stdout: Writer, stderr: Writer): Promise<number> {
  const o = parseRenderArgs(args);
  const text = readUnitFile(o.file, 'render');

  const configs = cliConfigLookup((m) => stderr.write(`workunit: ${m}\n`));
  const levels = new LevelResolver((await configs.forFile(uriOfPath(resolve(o.file)))).config.rules);
  const analysis = analyzeText(text, levels);
  if (!analysis.parsed) {
    stderr.write(notYamlLine(o.file, analysis, 'render'));
    return 1;
  }

  const diagram = layoutDiagram(analysis.unit, analysis.findings, o.width !== undefined ? { width: o.width } : {});
  const output = o.format === 'html' ? renderHtml(diagram, { theme: o.theme }) : renderSvg(diagram, { standalone: true, theme: o.theme });
  writeOutput(output, o.out, stdout);
  return 0;
}
