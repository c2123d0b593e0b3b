// The web extension's bundles (vscode.dev, github.dev): the client for the web-worker extension host, and the
// language server for its own web worker. No Node built-ins may reach them: esbuild's browser platform fails the
// build on one, and test/unit/webBundle.test.ts checks the production metafile.
export function webBundles({ outdir = 'dist', production = false } = {}) {
  const shared = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
    // Some libraries read process.env.NODE_ENV; a worker has no `process`.
    // papaparse's remote download (never asked of it): no networking API in the bundle, as in build.mjs.
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"', XMLHttpRequest: 'undefined' },
  };
  return [
    // The extension host's web worker loads it as CommonJS, with `vscode` provided.
    { ...shared, format: 'cjs', entryPoints: ['client/src/browserExtension.ts'], outfile: `${outdir}/web/extension.js`, external: ['vscode'] },
    // The server's own worker: a classic script.
    { ...shared, format: 'iife', entryPoints: ['server/src/browserMain.ts'], outfile: `${outdir}/web/server.js` },
  ];
}
