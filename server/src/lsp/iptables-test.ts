// "Firewall: validate with iptables-restore": runs the user's iptables-restore with --test on the text.
// Which program runs is the user's choice alone: the client hands the server the user's own setting
// (initializationOptions, never a workspace or a config file), the server runs it only when the
// client says the workspace is trusted, resolves it once to an absolute path (never through the
// working directory or a relative PATH entry), and says which path it ran. No shell: the path and
// its one argument go to spawn as an array, the text on standard input. --test never loads rules.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

export interface ValidationResult {
  ok: boolean;
  /** Whether a program ran (false: not trusted, not found). */
  ran: boolean;
  /** What iptables-restore printed, or why it did not run. */
  message: string;
  /** The absolute path that ran, or would have. */
  binary?: string;
  /** 0-based line it names, when it names one. */
  line?: number;
}

/** What the client says about running programs: `initializationOptions` and `firewallRules/didChangeExecution`. */
export interface ExecutionSettings {
  /** The client says the workspace is trusted. Off unless a client opts in. */
  trusted: boolean;
  /** The user's own `firewallRules.iptablesRestorePath`. */
  iptablesRestorePath: string;
}

export const DEFAULT_IPTABLES_RESTORE = 'iptables-restore';
/** Sent by the client when trust or the user's setting changes: an `ExecutionSettings`. */
export const EXECUTION_NOTIFICATION = 'firewallRules/didChangeExecution';

export function readExecution(raw: unknown): ExecutionSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { trustedWorkspace?: unknown; iptablesRestorePath?: unknown };
  const p = typeof o.iptablesRestorePath === 'string' && o.iptablesRestorePath.trim() ? o.iptablesRestorePath.trim() : DEFAULT_IPTABLES_RESTORE;
  return { trusted: o.trustedWorkspace === true, iptablesRestorePath: p };
}

/** The binary for the family: for IPv6, the ip6tables twin (`iptables-legacy-restore` → `ip6tables-legacy-restore`). */
export function binaryFor(configured: string, family: 'ipv4' | 'ipv6'): string {
  if (family !== 'ipv6') return configured;
  const base = path.basename(configured);
  if (!base.startsWith('iptables')) return configured;
  const twin = base.replace(/^iptables/, 'ip6tables');
  return configured.includes('/') ? path.join(path.dirname(configured), twin) : twin;
}

/** Where a name without a slash is looked for: PATH's absolute folders, then the usual sbin folders. */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function executableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An absolute path for `name`: as given when absolute, else found on PATH. Never relative to a working directory. */
export function resolveBinary(name: string, pathEnv = process.env.PATH ?? ''): { path: string } | { error: string } {
  if (name.includes('/')) {
    if (!path.isAbsolute(name)) return { error: `${name} is a relative path: firewallRules.iptablesRestorePath takes an absolute path or a program name.` };
    return executableFile(name) ? { path: path.normalize(name) } : { error: `${name} was not found, or is not an executable file (setting firewallRules.iptablesRestorePath).` };
  }
  const dirs = [...pathEnv.split(path.delimiter).filter((d) => path.isAbsolute(d)), ...SBIN];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (executableFile(candidate)) return { path: candidate };
  }
  return { error: `${name} was not found on PATH (setting firewallRules.iptablesRestorePath).` };
}

const LINE_PATTERNS = [/line (\d+) failed/, /Error occurred at line: (\d+)/, /COMMIT expected at line (\d+)/, /line (\d+)\b/];
/** What iptables-restore prints is kept to this much. */
const MAX_OUTPUT = 64 * 1024;

/** Runs `binary --test` (an absolute path) on `text`. */
export function runIptablesTest(binary: string, text: string, timeoutMs = 10000): Promise<ValidationResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<ValidationResult, 'binary'>): void => {
      if (!settled) {
        settled = true;
        resolve({ ...r, binary });
      }
    };
    let child;
    try {
      child = spawn(binary, ['--test'], { stdio: ['pipe', 'pipe', 'pipe'], shell: false, cwd: '/' });
    } catch (e) {
      done({ ok: false, ran: false, message: `Could not run ${binary}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ ok: false, ran: true, message: `${binary} --test did not finish within ${timeoutMs / 1000} s.` });
    }, timeoutMs);
    const collect = (d: Buffer): void => {
      if (out.length < MAX_OUTPUT) out += d.toString().slice(0, MAX_OUTPUT - out.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({ ok: false, ran: false, message: e.code === 'ENOENT' ? `${binary} was not found (setting firewallRules.iptablesRestorePath).` : `Could not run ${binary}: ${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const message = out.trim();
      if (code === 0) {
        done({ ok: true, ran: true, message: message || `${binary} --test: the file loads.` });
        return;
      }
      const n = LINE_PATTERNS.map((p) => p.exec(message)).find((m) => m)?.[1];
      done({ ok: false, ran: true, message: message || `${binary} --test failed (exit ${code}).`, line: n ? Number(n) - 1 : undefined });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
