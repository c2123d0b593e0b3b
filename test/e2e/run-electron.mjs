// The in-editor suite with @vscode/test-electron, on the minimum VS Code this extension supports
// (engines.vscode in package.json) and on stable. It downloads VS Code, so it runs where that is
// possible (a developer laptop, public CI); on machines without that network, use
// test/e2e/run-in-code-server, which runs the same suite in code-server.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(new URL('../..', import.meta.url).pathname);
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const minimum = manifest.engines.vscode.replace(/^[^\d]*/, '');
const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [minimum, 'stable'];

let failed = 0;
for (const version of versions) {
  // A fresh copy of the example catalog per run: the suite edits settings in it.
  const workspace = mkdtempSync(join(tmpdir(), 'workunit-e2e-'));
  cpSync(join(repo, 'examples'), workspace, { recursive: true });
  console.log(`\n== VS Code ${version}`);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(repo, 'out/test/e2e/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    console.error(`In-editor suite failed on VS Code ${version}: ${e}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
