// Runs the node:test suites under test/ (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [folder…]   (default: unit, grammar, property, cli, protocol)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/unit', 'test/grammar', 'test/property', 'test/cli', 'test/protocol'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.ts')) files.push(full);
  }
}
for (const f of folders) {
  if (!existsSync(f)) {
    console.error(`No such test folder or file: ${f}`);
    process.exit(1);
  }
  statSync(f).isDirectory() ? walk(f) : files.push(f);
}
if (files.length === 0) {
  console.error('No test files found in', folders.join(', '));
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
