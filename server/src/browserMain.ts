/**
 * The language server in a web worker (vscode.dev, github.dev): the same
 * server as main.ts, talking LSP over the worker's messages, with the web
 * host (files through the client's `workspace.fs`). The client starts this
 * file from client/src/browserExtension.ts.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { webHost } from './host/web';
import { createServerConnection, startServer } from './lsp/server';

/** The worker's global scope, which is the message port to the client. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createServerConnection((options) => createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), options));
startServer(connection, webHost(connection));
