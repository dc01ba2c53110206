// "Firewall: validate with iptables-restore": runs the configured binary with --test on the text.
// No shell: the path and its arguments go to spawn as an array, the text on standard input.
// --test parses and checks the rules without loading them.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface ValidationResult {
  ok: boolean;
  /** What iptables-restore printed (or why it could not run). */
  message: string;
  /** 0-based line it names, when it names one. */
  line?: number;
}

const LINE_PATTERNS = [/line (\d+) failed/, /Error occurred at line: (\d+)/, /COMMIT expected at line (\d+)/, /line (\d+)\b/];

/** The binary for the family: ip6tables-restore beside a configured iptables-restore. */
export function binaryFor(configured: string, family: 'ipv4' | 'ipv6'): string {
  if (family !== 'ipv6') return configured;
  const base = path.basename(configured);
  return base.startsWith('iptables') ? path.join(path.dirname(configured), `ip6${base}`) : configured;
}

export function runIptablesTest(binary: string, text: string, timeoutMs = 10000): Promise<ValidationResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ValidationResult): void => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    let child;
    try {
      child = spawn(binary, ['--test'], { stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    } catch (e) {
      done({ ok: false, message: `Could not run ${binary}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ ok: false, message: `${binary} --test did not finish within ${timeoutMs / 1000} s.` });
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({ ok: false, message: e.code === 'ENOENT' ? `${binary} was not found (setting firewallRules.iptablesRestorePath).` : `Could not run ${binary}: ${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const message = out.trim();
      if (code === 0) {
        done({ ok: true, message: message || `${path.basename(binary)} --test accepts the file.` });
        return;
      }
      const n = LINE_PATTERNS.map((p) => p.exec(message)).find((m) => m)?.[1];
      done({ ok: false, message: message || `${path.basename(binary)} --test failed (exit ${code}).`, line: n ? Number(n) - 1 : undefined });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
