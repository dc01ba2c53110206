// Helpers for the safety suite: the CLI run as an attacker's victim would run it, with a hang told
// apart from an answer, and stand-ins for programs that leave a mark when they run.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI } from './paths';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A program is installed (looked up without a shell). */
export function has(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** A new folder of this user's, mode 0755 (not world-writable, unlike /tmp itself). */
export function folder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `fwr-safety-${prefix}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/** A run that has not ended after this long is a hang: the test fails on it instead of waiting for ever. */
export const HANG_MS = 20000;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The run was killed as a hang. */
  hung: boolean;
}

export function cli(args: string[], options: SpawnSyncOptions & { input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: HANG_MS, maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), hung: r.signal === 'SIGTERM' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
}

/** Asserts the shape every I/O failure must have: exit 2, one line on stderr, no stack trace. */
export function oneLineFailure(r: Run): string | undefined {
  if (r.hung) return 'hung';
  if (r.status !== 2) return `exit ${r.status}, not 2 (${r.stderr.slice(0, 300)})`;
  const lines = r.stderr.trimEnd().split('\n');
  if (lines.length !== 1 || !lines[0].startsWith('firewall-lint: ')) return `stderr is not one line: ${JSON.stringify(r.stderr.slice(0, 500))}`;
  return undefined;
}

/** A shell script that writes `mark` when it runs, then acts as a passing `iptables-restore --test`. */
export function markingProgram(dir: string, name: string, mark: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, `#!/bin/sh\necho ran > '${mark}'\ncat > /dev/null\nexit 0\n`);
  chmodSync(p, 0o755);
  return p;
}

export const ran = (mark: string): boolean => existsSync(mark);

/** Rules that draw an error (no table header) and nothing else from a severity setting. */
export const HEADERLESS = '-A INPUT -p tcp --dport 22 -j ACCEPT\n';
/** Rules with safe fixes: `-m state` and a duplicate rule. */
export const FIXABLE = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
export const FIXED = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
