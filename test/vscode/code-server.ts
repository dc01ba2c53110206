// Starts code-server (a real VS Code, browser workbench + Node extension host) with this extension,
// for the VS Code suite and for `npm start`. See docs/development.md for the offline details.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from 'firewall-rules-server/build/test-support/paths';

export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE = path.join(ROOT, '.vscode-test');
const ENTRY = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const EXTENSION_FILES = [
  'package.json',
  'language-configuration.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'client/out',
  'server/out',
  'syntaxes',
  'snippets',
  'docs',
];

export function ensureCodeServer(): void {
  if (existsSync(ENTRY)) return;
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-code-server.sh')], {
    stdio: 'inherit',
    env: { ...process.env, CODE_SERVER_VERSION },
  });
  if (r.status !== 0 || !existsSync(ENTRY)) throw new Error('code-server could not be installed (see the output above)');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  port: number;
  url: string;
  proc: ChildProcess;
  /** Kills code-server's whole process group: its watcher and extension host outlive it otherwise. */
  stop(): void;
}

export interface StartOptions {
  /** Folder under .vscode-test/ for this run's profile; wiped first. */
  profile: string;
  workspace: string;
  port?: number;
  /** Extension folders to install by copying into the profile's extensions dir. */
  installExtension?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  ensureCodeServer();
  const home = path.join(CACHE, opts.profile);
  rmSync(home, { recursive: true, force: true });
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'window.commandCenter': false,
        'chat.commandCenter.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'git.enabled': false,
        'editor.minimap.enabled': false,
        'workbench.reduceMotion': 'on',
      },
      null,
      2,
    ),
  );
  if (opts.installExtension) {
    const from = opts.installExtension;
    const pkg = require(path.join(from, 'package.json')) as { publisher: string; name: string; version: string };
    const dest = path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    // What the .vsix ships: the manifest, the bundles, the grammar, snippets and docs.
    for (const item of EXTENSION_FILES) {
      if (existsSync(path.join(from, item))) cpSync(path.join(from, item), path.join(dest, item), { recursive: true });
    }
  }
  const port = opts.port ?? (await freePort());
  const config = path.join(home, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--config', config,
    opts.workspace,
  ];
  const proc = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'xdg-config'), XDG_DATA_HOME: path.join(home, 'xdg-data'), ...opts.env },
  });
  const log = opts.log ?? (() => undefined);
  proc.stdout?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
  proc.stderr?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
  const stop = (): void => {
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, proc, stop };
}

/** Chromium flags that keep a headless browser off the (closed) network. */
/** An address that opens `folder` with `file` in an editor (the workbench's `openFile` payload). */
export function openFileUrl(server: CodeServer, folder: string, file: string): string {
  const payload = JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${file}`]]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string | undefined {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  return undefined;
}

export function copyExample(workspace: string): void {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  cpSync(path.join(ROOT, 'examples', 'firewall.rules'), path.join(workspace, 'firewall.rules'));
}
