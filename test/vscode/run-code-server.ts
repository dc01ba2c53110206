// Runs the extension's own suite (suite/index.ts) inside code-server 4.100.3, a real VS Code,
// driven by Debian's chromium through playwright-core. Prints `vscode: N passed, N failed`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from 'firewall-rules-server/build/test-support/paths';
import { CACHE, CHROMIUM_ARGS, chromiumPath, copyExample, startCodeServer } from './code-server';

const OUTPUT = path.join(ROOT, 'test', 'output');
const TIMEOUT_MS = 240000;

// The workbench's offline complaints (gallery lookups, their stacks) say nothing about our tests.
const NOISE = /ENOTFOUND|^\s+at .*(workbench\.js|<anonymous>)|Resolving connection token|Resolved connection token|Creating a socket|Service Worker|ChatSessionStore|Updating additional builtin/;

/** The extension host forwards console.log's arguments raw; apply the printf-style format ourselves. */
function formatLog(args: unknown[]): string {
  const text = (a: unknown): string => (typeof a === 'string' ? a : JSON.stringify(a));
  if (typeof args[0] !== 'string') return args.map(text).join(' ');
  const rest = args.slice(1);
  const head = args[0].replace(/%[sdifjoOc]/g, () => (rest.length ? text(rest.shift()) : ''));
  return [head, ...rest.map(text)].join(' ');
}

async function main(): Promise<number> {
  const browserPath = chromiumPath();
  if (!browserPath) {
    console.log('vscode: skipped: no chromium (apt-get install chromium)');
    console.log('vscode: 0 passed, 0 failed');
    return 0;
  }
  mkdirSync(OUTPUT, { recursive: true });
  const workspace = path.join(CACHE, 'workspace');
  copyExample(workspace);
  const verbose = process.env.VSCODE_TEST_VERBOSE === '1';
  const server = await startCodeServer({
    profile: 'suite-profile',
    workspace,
    env: { FIREWALL_RULES_SCREENSHOT_DIR: OUTPUT },
    log: (l) => verbose && console.log(`[code-server] ${l}`),
  });
  let passed = 0;
  let failed = 0;
  let exitCode = 1;
  // A fresh browser profile each run: the web workbench keeps unsaved edits (hot exit) in it.
  const profile = path.join(CACHE, 'chromium-profile');
  rmSync(profile, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(ROOT, 'test', 'build', 'vscode', 'suite', 'index.js'))],
    ];
    const finished = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    let shots = Promise.resolve();
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = formatLog(Array.isArray(args) ? args : [args]);
      const shot = /__SCREENSHOT__ (.+)$/.exec(line);
      if (shot) {
        const file = shot[1].trim();
        shots = shots.then(async () => {
          await page.screenshot({ path: file, animations: 'disabled' });
          writeFileSync(`${file}.done`, '');
          console.log(`vscode: screenshot saved to ${path.relative(ROOT, file)}`);
        });
        return;
      }
      const counts = /vscode-suite: (\d+) passed, (\d+) failed/.exec(line);
      if (counts) {
        passed = Number(counts[1]);
        failed = Number(counts[2]);
        return;
      }
      for (const l of line.split('\n')) if (l.trim() && !NOISE.test(l)) console.log(`  ${l}`);
    });
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), TIMEOUT_MS));
    exitCode = await Promise.race([finished, timeout]);
    await shots;
    if (exitCode === -1) {
      await page.screenshot({ path: path.join(OUTPUT, 'timeout.png') });
      console.log(`vscode: the suite did not finish within ${TIMEOUT_MS / 1000} s (screenshot in test/output/timeout.png)`);
      failed = Math.max(failed, 1);
    } else if (exitCode !== 0 && failed === 0) {
      await page.screenshot({ path: path.join(OUTPUT, 'failure.png') });
      failed = 1;
    }
  } finally {
    await context.close();
    server.stop();
  }
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return exitCode === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`vscode: runner failed: ${e instanceof Error ? e.stack : String(e)}`);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  },
);
