// A rough latency check (the benchmark proper is `npm run bench`, issue 8):
// open → diagnostics and edit → diagnostics on generated 50- and 2000-step units,
// against the built server over stdio. Run `npm run build` first.
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { generateUnit } from '../test/support/generate';
import { TestClient } from '../test/support/lspClient';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const client = new TestClient();
  await client.initialize();
  for (const steps of [50, 2000]) {
    const text = generateUnit(steps);
    const opens: number[] = [];
    const edits: number[] = [];
    const parses: number[] = [];
    for (let run = 0; run < 7; run++) {
      const uri = `file:///tmp/rough-${steps}-${run}.workunit.yaml`;
      let t = performance.now();
      const first = await client.open(uri, text);
      opens.push(performance.now() - t);
      // Type one character into a step name (line 21), as a keystroke would.
      t = performance.now();
      await client.change(uri, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
      edits.push(performance.now() - t);
      await client.close(uri);
      t = performance.now();
      parseDocument(text);
      parses.push(performance.now() - t);
      if (run === 0) console.log(`${steps} steps: ${text.length} chars, ${first.diagnostics.length} findings`);
    }
    console.log(`${steps} steps: open→diagnostics median ${median(opens).toFixed(1)} ms, edit→diagnostics median ${median(edits).toFixed(1)} ms, bare yaml parse median ${median(parses).toFixed(1)} ms`);
  }
  await client.shutdown();
}
void main();
