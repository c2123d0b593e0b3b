// The README's preview screenshots, as a new user sees them: real VS Code (code-server, the studio of
// `npm run studio`) in a 1600×1000 browser window, each example open in the editor and the boundary preview
// beside it ("Work Unit: Open Boundary Preview to the Side"), at the zoom the preview opens with.
//   npm run package && node scripts/preview-screenshots.mjs [EXAMPLE…]   → docs/screenshots/preview-<example>.png
// With --measured, each example with a log is also shown measured: the editor scrolled to its first metric, whose
// code lens gives the measured figure, the before/after hover open on it, the preview's per-step figures beside
//   → docs/screenshots/measured-<example>.png
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(new URL('..', import.meta.url).pathname);
// A copy of the examples (the studio opens its folder itself, and nothing here may touch the repo's), still named examples/.
const copy = mkdtempSync(join(tmpdir(), 'workunit-screenshots-'));
const examples = join(copy, 'examples');
cpSync(join(repo, 'examples'), examples, { recursive: true });
const out = join(repo, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const log = (m) => process.stderr.write(`[preview-screenshots] ${m}\n`);

const tools = spawnSync(join(repo, 'test/e2e/ensure-tools.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim().split('\n').pop();
const port = Number(process.env.PORT || 8097);
const studio = spawn(process.execPath, [join(repo, 'test/e2e/code-server-driver.mjs'), '--studio', '--folder', examples, '--tools', tools, '--vsix', join(repo, 'dist/work-unit-studio.vsix'), '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let printed = '';
await new Promise((ready, fail) => {
  studio.stdout.on('data', (d) => {
    printed += d;
    if (/http:\/\/127\.0\.0\.1:\d+\//.test(printed)) ready();
  });
  studio.on('exit', (code) => fail(new Error(`the studio exited (${code}) before it was up`)));
});
log(`code-server is up on port ${port}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const measured = process.argv.includes('--measured');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.workunit.yaml') && (only.length === 0 || only.includes(f.replace('.workunit.yaml', '')))).sort()) {
    const name = file.replace('.workunit.yaml', '');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const payload = [['skipWelcome', 'true'], ['openFile', `vscode-remote://127.0.0.1:${port}${join(examples, file)}`]];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 0 });
    // The editor shows the unit once the language is up.
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 120_000 });
    await page.locator('.tab.active', { hasText: file }).first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000);
    // The preview beside the editor, by the command palette (again, if the first try lands nowhere).
    const diagramState = async () => {
      let now = '';
      for (const frame of page.frames()) {
        const got = await frame
          .evaluate(() => {
            const svg = document.querySelector('#canvas svg');
            return svg ? `${svg.getAttribute('data-orientation')} ${document.querySelector('#zoom-level')?.textContent} ${svg.querySelector('.viewport')?.getAttribute('transform')}` : '';
          })
          .catch(() => '');
        if (got) now = got;
      }
      return now;
    };
    let last = '';
    for (let attempt = 0; attempt < 3 && !last; attempt++) {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F1');
      // Fill the palette's own input: typed keys went to the editor when the palette took focus late, and one
      // screenshot showed the command's words inside the unit.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 30_000 });
      await input.fill('>Work Unit: Open Boundary Preview to the Side');
      await page.waitForTimeout(1000);
      await page.keyboard.press('Enter');
      // Wait until the diagram has settled (laid out for the panel's size).
      let stable = 0;
      for (let i = 0; i < 120 && stable < 4; i++) {
        await page.waitForTimeout(500);
        const now = await diagramState();
        stable = now && now === last ? stable + 1 : 0;
        last = now;
      }
    }
    if (!last) throw new Error(`no preview appeared for ${name}`);
    log(`${name}: ${last}`);
    // The mouse away from the diagram, so no tooltip covers it.
    await page.mouse.move(5, 995);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `preview-${name}.png`) });
    if (measured) await showMeasured(page, name, join(examples, file));
    await page.close();
  }
} finally {
  await browser.close();
  studio.kill('SIGTERM');
  rmSync(copy, { recursive: true, force: true });
}

/**
 * The unit measured from its log: the first metric's line at the top of the editor (its measured code lens above
 * it), the hover with the before/after table open on its id, the preview with each step's figures beside.
 */
async function showMeasured(page, name, path) {
  const lines = (await import('node:fs')).readFileSync(path, 'utf8').split('\n');
  const line = lines.findIndex((l) => /^\s+- id: /.test(l) && lines.slice(0, lines.indexOf(l)).some((x) => /^\s+metrics:/.test(x)));
  if (line < 0) return;
  const column = lines[line].indexOf('id: ') + 6;
  const lens = page.locator('.contentWidgets .codelens-decoration, .codelens-decoration', { hasText: 'measured' }).first();
  await lens.waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line + 1}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
  // Show the hover at the cursor (editor.action.showHover), by the palette: no chord to guess.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Show or Focus Hover');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-hover', { hasText: 'before' }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(out, `measured-${name}.png`) });
  log(`${name}: measured lens and hover shown`);
}
