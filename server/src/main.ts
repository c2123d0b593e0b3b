#!/usr/bin/env node
/**
 * `workunit-language-server`: the stdio entry point any LSP editor can start.
 * The VS Code client starts the same file over IPC.
 */
import { errorLog, logFailure } from './lsp/guard';
import { enableIdleCollection } from './lsp/idleCollection';
import { createServerConnection, SERVER_NAME, SERVER_VERSION, startServer } from './lsp/server';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    `Usage: ${SERVER_NAME} [--stdio | --node-ipc | --socket=PORT]\n\n` +
      'The Work Unit Studio language server for *.workunit.yaml files.\n' +
      'With no transport flag it talks LSP over stdin/stdout.\n',
  );
  process.exit(0);
}
// Editors usually pass --stdio; default to it so a bare start works too.
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
enableIdleCollection();
const connection = createServerConnection();
// Every handler and background task is guarded where it is registered; this is the net under a
// callback that slipped through: logged with its stack as a bug, and the editor keeps its server.
const log = errorLog(connection);
process.on('uncaughtException', (e) => logFailure(log, 'A callback (uncaught exception)', e));
process.on('unhandledRejection', (e) => logFailure(log, 'A promise (unhandled rejection)', e));
startServer(connection);
