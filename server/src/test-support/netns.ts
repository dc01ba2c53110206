// Ground truth from the real iptables and the real kernel, always inside throwaway network
// namespaces: nothing here touches the host's own firewall. Commands get argument arrays, no shell.
import { spawn, spawnSync } from 'node:child_process';

export type Loader = 'iptables-nft-restore' | 'iptables-legacy-restore' | 'ip6tables-nft-restore' | 'ip6tables-legacy-restore';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Why the truth tests cannot run here, or undefined when they can. */
export function truthUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (ip netns needs root)';
  if (!has('ip')) return 'no `ip` command (apt-get install iproute2)';
  if (!has('iptables-nft-restore')) return 'no iptables-nft-restore (apt-get install iptables)';
  const name = `fwr_probe_${process.pid}`;
  const made = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (made.status !== 0) return `ip netns add fails: ${made.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', name]);
  return undefined;
}

let counter = 0;
const unique = (): string => `${process.pid % 100000}x${counter++}`;

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

export interface LoadResult {
  status: number | null;
  stderr: string;
}

/** Loads `rules` for real into a fresh namespace and drops the namespace again. */
export function loadInNamespace(rules: string, loader: Loader = 'iptables-nft-restore'): LoadResult {
  const ns = `fwr_load_${unique()}`;
  ip('netns', 'add', ns);
  try {
    const r = spawnSync('ip', ['netns', 'exec', ns, loader], { input: rules, encoding: 'utf8', timeout: 30000 });
    return { status: r.status, stderr: r.stderr };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

/** Loads `rules` into a fresh namespace and returns what iptables-nft-save prints there (comment lines dropped). */
export function savedAfterLoad(rules: string, family: 'ipv4' | 'ipv6' = 'ipv4'): { status: number | null; saved: string; stderr: string } {
  const ns = `fwr_save_${unique()}`;
  const [restore, save] = family === 'ipv6' ? ['ip6tables-nft-restore', 'ip6tables-nft-save'] : ['iptables-nft-restore', 'iptables-nft-save'];
  ip('netns', 'add', ns);
  try {
    const r = spawnSync('ip', ['netns', 'exec', ns, restore], { input: rules, encoding: 'utf8', timeout: 30000 });
    if (r.status !== 0) return { status: r.status, saved: '', stderr: r.stderr };
    const s = spawnSync('ip', ['netns', 'exec', ns, save], { encoding: 'utf8', timeout: 30000 });
    return { status: s.status, saved: s.stdout.split('\n').filter((l) => !l.startsWith('#')).join('\n'), stderr: s.stderr };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

export type KernelVerdict = 'ACCEPT' | 'DROP' | 'REFUSED' | 'UNREACHABLE' | 'HALF-OPEN';

const LISTENER = `
const net = require('net');
const ports = process.argv.slice(1).map(Number);
let left = ports.length;
for (const p of ports) {
  net.createServer((s) => {
    s.on('error', () => {});
    s.write('BANNER ' + p + '\\n');
    s.once('data', (d) => s.end('ECHO ' + d));
  }).listen(p, '0.0.0.0', () => { if (--left === 0) process.stdout.write('ready\\n'); });
}
setTimeout(() => process.exit(0), 120000);
`;

// A full exchange per port: a SYN that is answered is not enough (half-open connections look open).
const CLIENT = `
const net = require('net');
const [host, tmo, ...ports] = process.argv.slice(1);
const timeout = Number(tmo);
const out = {};
const probe = (port) => new Promise((done) => {
  const s = net.connect({ host, port: Number(port) });
  let connected = false, got = '';
  const finish = (v) => { s.destroy(); out[port] = v; done(); };
  const timer = setTimeout(() => finish(connected ? 'HALF-OPEN' : 'DROP'), timeout);
  s.on('connect', () => { connected = true; });
  s.on('data', (d) => {
    got += d;
    if (got.includes('BANNER') && !got.includes('PING-SENT')) { got += 'PING-SENT'; s.write('PING\\n'); }
    if (got.includes('ECHO PING')) { clearTimeout(timer); finish('ACCEPT'); }
  });
  s.on('error', (e) => {
    clearTimeout(timer);
    // A reset answers a SYN with ECONNREFUSED; ECONNRESET means the handshake had completed.
    if (e.code === 'ECONNRESET') finish('HALF-OPEN');
    else if (e.code === 'ECONNREFUSED') finish('REFUSED');
    else if (['EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'EPERM'].includes(e.code)) finish('UNREACHABLE');
    else finish(connected ? 'HALF-OPEN' : 'ERROR ' + e.code);
  });
});
Promise.all(ports.map(probe)).then(() => process.stdout.write(JSON.stringify(out)));
`;

/** Like spawnSync, without blocking: several probes can run side by side in their own namespaces. */
function run(cmd: string, args: string[], input: string, timeout: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

export interface ProbeResult {
  loaded: LoadResult;
  verdicts: Map<number, KernelVerdict>;
}

/**
 * Loads `rules` into a namespace joined by a veth pair to a client namespace (nothing else is
 * attached), then tries a new TCP connection that exchanges data on each port from the client.
 */
export async function probeKernel(rules: string, ports: number[], timeoutMs = 1500): Promise<ProbeResult> {
  const id = unique();
  const fw = `fwr_fw_${id}`;
  const cli = `fwr_cli_${id}`;
  const va = `fwa${id}`.slice(0, 15);
  const vb = `fwb${id}`.slice(0, 15);
  ip('netns', 'add', fw);
  let listener: ReturnType<typeof spawn> | undefined;
  try {
    ip('netns', 'add', cli);
    ip('link', 'add', va, 'type', 'veth', 'peer', 'name', vb);
    ip('link', 'set', va, 'netns', fw);
    ip('link', 'set', vb, 'netns', cli);
    ip('-n', fw, 'link', 'set', va, 'name', 'eth0');
    ip('-n', cli, 'link', 'set', vb, 'name', 'eth0');
    for (const n of [fw, cli]) {
      ip('-n', n, 'link', 'set', 'lo', 'up');
      ip('-n', n, 'link', 'set', 'eth0', 'up');
    }
    ip('-n', fw, 'addr', 'add', '10.200.0.1/24', 'dev', 'eth0');
    ip('-n', cli, 'addr', 'add', '10.200.0.2/24', 'dev', 'eth0');

    const proc = spawn('ip', ['netns', 'exec', fw, process.execPath, '-e', LISTENER, ...ports.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
    listener = proc;
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error('listener did not start')), 10000);
      proc.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
    });

    const r = await run('ip', ['netns', 'exec', fw, 'iptables-nft-restore'], rules, 30000);
    const loaded = { status: r.status, stderr: r.stderr };
    const verdicts = new Map<number, KernelVerdict>();
    if (loaded.status !== 0) return { loaded, verdicts };
    const c = await run('ip', ['netns', 'exec', cli, process.execPath, '-e', CLIENT, '10.200.0.1', String(timeoutMs), ...ports.map(String)], '', timeoutMs + 20000);
    const parsed = JSON.parse(c.stdout || '{}') as Record<string, KernelVerdict>;
    for (const p of ports) verdicts.set(p, parsed[String(p)]);
    return { loaded, verdicts };
  } finally {
    listener?.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', cli]);
    spawnSync('ip', ['netns', 'del', fw]);
  }
}
