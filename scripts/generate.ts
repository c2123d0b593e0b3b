// Writes the files derived from the format's description
// (server/src/core/format/description.ts): the JSON Schema and the TextMate
// grammar. `npm run build` runs it; test/unit/generated.test.ts fails when a
// committed file differs from what this writes.
//
//   node --import tsx scripts/generate.ts           write the files
//   node --import tsx scripts/generate.ts --check   only say which are stale (exit 1)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../server/src/core/format/generated';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const { path, text } of generatedFiles((p) => readFileSync(join(root, p), 'utf8'))) {
  const full = join(root, path);
  let current: string | undefined;
  try {
    current = readFileSync(full, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  stale++;
  if (check) console.error(`${path} is stale: run npm run generate`);
  else {
    writeFileSync(full, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(check && stale > 0 ? 1 : 0);
