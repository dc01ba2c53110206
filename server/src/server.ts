// Entry point of server/out/server.js: `node server/out/server.js --stdio` (or --node-ipc from VS Code).
import { startServer } from './lsp/server';

startServer();
