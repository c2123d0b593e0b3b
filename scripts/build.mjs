// Bundles the extension client, the language server and the CLI with esbuild.
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
};

await Promise.all([
  build({ ...shared, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...shared, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...shared, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
