import { readFileSync } from 'node:fs';
import { analyzeText } from '../server/src/core/analyze';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  const a = analyzeText(text);
  console.log(`== ${f}`);
  for (const x of a.findings) {
    const p = a.unit.lines.positionAt(x.span.start);
    console.log(`${p.line + 1}:${p.character + 1} ${x.severity} ${x.rule} [${text.slice(x.span.start, x.span.end)}] ${x.message}`);
  }
}
