// Loads many one-rule cases with the real iptables-restore in one throwaway namespace: every case is
// its own `*table ... COMMIT` block of one file, so the line iptables names when it stops tells which
// case it refused; the cases before it loaded, and the run goes on after it. A run per refusal, and
// one more per batch, instead of a namespace per case.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { OBJECTS, type ObjectKind } from './boundary';
import type { Loader } from './netns';

export interface Outcome {
  loads: boolean;
  /** What iptables printed when it refused the case. */
  stderr: string;
}

let counter = 0;

function has(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Makes the suite's ipset sets and nfacct objects in `ns`, with the tools the machine has; the kinds whose state is known. */
export function makeObjects(ns: string): Set<ObjectKind> {
  const made = new Set<ObjectKind>();
  const run = (args: string[]): boolean => spawnSync('ip', ['netns', 'exec', ns, ...args], { stdio: 'ignore' }).status === 0;
  if (has('ipset') && OBJECTS.ipset.every((s) => run(['ipset', 'create', s.name, 'hash:ip', 'family', s.family]))) made.add('ipset');
  if (has('nfacct') && OBJECTS.nfacct.every((n) => run(['nfacct', 'add', n]))) made.add('nfacct');
  // No connlabel.conf: iptables knows no label names, as the suite's lint options say.
  if (!existsSync('/etc/xtables/connlabel.conf')) made.add('connlabel');
  return made;
}

/** Runs `fn` with a fresh namespace, deleted afterwards. */
export async function withNamespace<T>(fn: (ns: string) => Promise<T>): Promise<T> {
  const ns = `fwr_bound_${process.pid % 100000}x${counter++}`;
  const made = spawnSync('ip', ['netns', 'add', ns], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ip netns add ${ns}: ${made.stderr}`);
  try {
    return await fn(ns);
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

function restore(ns: string, loader: Loader, input: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('ip', ['netns', 'exec', ns, loader], { stdio: ['pipe', 'ignore', 'pipe'], timeout: 60000 });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ status: null, stderr: String(e) }));
    child.on('close', (status) => resolve({ status, stderr }));
    // A loader that stops reading early closes its end: the rest of the input no longer matters.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The first line of the input iptables names in its complaint. */
export function failedLine(stderr: string): number | undefined {
  const lines = [...stderr.matchAll(/(?:Error occurred at line: |line )(\d+)/g)].map((m) => Number(m[1]));
  return lines.length ? Math.min(...lines) : undefined;
}

/** Each text loaded as it would be alone, in the namespace `ns`. Every text must be one block of three lines. */
export async function loadEach(ns: string, loader: Loader, texts: readonly string[]): Promise<Outcome[]> {
  const out: Outcome[] = new Array(texts.length);
  let start = 0;
  while (start < texts.length) {
    const r = await restore(ns, loader, texts.slice(start).join(''));
    if (r.status === 0) {
      for (let k = start; k < texts.length; k++) out[k] = { loads: true, stderr: '' };
      break;
    }
    const line = failedLine(r.stderr);
    // A complaint with no line: ask about the first case alone.
    const bad = line === undefined ? start : start + Math.floor((line - 1) / 3);
    if (line === undefined || bad >= texts.length) {
      const alone = await restore(ns, loader, texts[start]);
      out[start] = { loads: alone.status === 0, stderr: alone.stderr };
      start++;
      continue;
    }
    for (let k = start; k < bad; k++) out[k] = { loads: true, stderr: '' };
    out[bad] = { loads: false, stderr: r.stderr };
    start = bad + 1;
  }
  return out;
}
