// `npm start`: this extension in a real VS Code (code-server, the same setup as the tests) at
// http://127.0.0.1:8080, with the example mail-server firewall.rules open. Ctrl-C stops it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const { startCodeServer, copyExample, openFileUrl, CACHE } = require('../test/build/vscode/code-server.js');

const port = Number(process.env.PORT ?? 8080);
const workspace = path.join(CACHE, 'example-workspace');
// Keep the user's edits to the example between runs.
if (!existsSync(path.join(workspace, 'firewall.rules'))) copyExample(workspace);

let server;
try {
  server = await startCodeServer({
    profile: 'start-profile',
    workspace,
    port,
    installExtension: root,
    log: (line) => process.env.VERBOSE && console.log(`[code-server] ${line}`),
  });
} catch (e) {
  console.error(`npm start: ${e.message}`);
  console.error(`Is port ${port} already in use? Try PORT=8081 npm start.`);
  process.exit(1);
}

const example = path.join(workspace, 'firewall.rules');
console.log(`\nFirewall Rules is running in VS Code at http://127.0.0.1:${port}/`);
console.log(`Open the example mail-server firewall.rules directly:\n  ${openFileUrl(server, workspace, example)}`);
console.log(`(the file is ${path.relative(root, example)}). Press Ctrl-C to stop.\n`);

const stop = () => {
  server.stop();
  console.log('\nStopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.proc.on('exit', (code) => {
  console.error(`code-server exited (${code}).`);
  process.exit(code ?? 1);
});
