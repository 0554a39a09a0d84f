/**
 * The language server's entry point (`dist/server.js`): makes the connection (stdio, IPC or
 * pipe, as the client's command line says) and starts the server on it. Nothing else.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
