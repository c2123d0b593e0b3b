// The README's preview screenshots, as a new user sees them: real VS Code (code-server, the studio of
// `npm run studio`) in a 1600×1000 browser window, each example open in the editor and the boundary preview
// beside it ("Work Unit: Open Boundary Preview to the Side"), at the zoom the preview opens with.
//   npm run package && node scripts/preview-screenshots.mjs   → docs/screenshots/preview-<example>.png
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(new URL('..', import.meta.url).pathname);
const examples = join(repo, 'examples');
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
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.workunit.yaml')).sort()) {
    const name = file.replace('.workunit.yaml', '');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const payload = [['skipWelcome', 'true'], ['openFile', `vscode-remote://127.0.0.1:${port}${join(examples, file)}`]];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 0 });
    // The editor shows the unit once the language is up.
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 120_000 });
    await page.locator('.tab.active', { hasText: file }).first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000);
    await page.keyboard.press('F1');
    await page.keyboard.type('Work Unit: Open Boundary Preview to the Side');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    // The preview draws inside the webview's nested frames; wait until its diagram has settled (laid out for the panel).
    let stable = 0;
    let last = '';
    for (let i = 0; i < 240 && stable < 4; i++) {
      await page.waitForTimeout(500);
      let now = '';
      for (const frame of page.frames()) {
        const got = await frame.evaluate(() => {
          const svg = document.querySelector('#canvas svg');
          return svg ? `${svg.getAttribute('data-orientation')} ${document.querySelector('#zoom-level')?.textContent} ${svg.querySelector('.viewport')?.getAttribute('transform')}` : '';
        }).catch(() => '');
        if (got) now = got;
      }
      stable = now && now === last ? stable + 1 : 0;
      last = now;
    }
    if (!last) throw new Error(`no preview appeared for ${name}`);
    log(`${name}: ${last}`);
    // The mouse away from the diagram, so no tooltip covers it.
    await page.mouse.move(5, 995);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `preview-${name}.png`) });
    await page.close();
  }
} finally {
  await browser.close();
  studio.kill('SIGTERM');
}
