// Bundles the extension client, the language server, the CLI and the preview's webview script with esbuild.
// Type-checking is separate (`npm run typecheck`), as rust-analyzer does it.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // Test seams (replaceFile's beforeRename) are compiled out of every bundle; test/unit/bundles.test.ts checks.
  define: { WORKUNIT_TEST_SEAMS: 'false' },
};

const e2e = process.argv.includes('--e2e');
// `--outdir=DIR`: write the bundles elsewhere (the benchmark measures a production build without touching dist/).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

await Promise.all([
  build({ ...shared, entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] }),
  build({ ...shared, entryPoints: ['server/src/main.ts'], outfile: `${outdir}/server.js` }),
  build({ ...shared, entryPoints: ['server/src/cli/main.ts'], outfile: `${outdir}/cli.js` }),
  // The boundary preview's page script: runs in the webview, not in Node.
  build({ ...shared, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/src/preview/webview/main.ts'], outfile: `${outdir}/webview.js` }),
  // The in-editor suite: mocha stays a package the extension host requires from node_modules.
  e2e && build({ ...shared, entryPoints: ['test/e2e/index.ts'], outfile: 'out/test/e2e/index.js', external: ['vscode', 'mocha'] }),
]);
