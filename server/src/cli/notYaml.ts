/** The one line a command that needs a parsed unit (render, export) prints for a file that is not valid YAML. */
import type { Analysis } from '../core/analyze';

export function notYamlLine(file: string, analysis: Analysis, action: string): string {
  const f = analysis.findings.find((x) => x.rule === 'yaml-syntax');
  const where = f ? analysis.unit.lines.positionAt(f.span.start) : { line: 0, character: 0 };
  const message = (f?.message ?? 'The file is not valid YAML').replace(/\s+/g, ' ').trim();
  return `workunit: ${file}:${where.line + 1}:${where.character + 1}: cannot ${action}: ${message} (yaml-syntax)\n`;
}
