// The same suite under @vscode/test-electron, for machines that can download VS Code
// (`npm run test:vscode:electron`). Here, offline, run-code-server.ts is used instead.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from 'firewall-rules-server/build/test-support/paths';
import { CACHE, copyExample } from './code-server';

async function main(): Promise<void> {
  const workspace = path.join(CACHE, 'electron-workspace');
  copyExample(workspace);
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'test', 'build', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
