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

/** An ipset to create (empty) in the namespace before the rules load: `-m set --match-set` needs it. */
export interface IpSet {
  name: string;
  /** An ipset type, such as hash:net. */
  type: string;
  /** Its family, when not the loader's. */
  family?: 4 | 6;
}

function createIpSets(ns: string, sets: readonly IpSet[], family: 4 | 6): void {
  for (const s of sets) {
    const r = spawnSync('ip', ['netns', 'exec', ns, 'ipset', 'create', s.name, s.type, 'family', (s.family ?? family) === 6 ? 'inet6' : 'inet'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ipset create ${s.name} ${s.type}: ${(r.stderr ?? String(r.error)).trim()}`);
  }
}

function createNfacct(ns: string, names: readonly string[]): void {
  for (const n of names) {
    const r = spawnSync('ip', ['netns', 'exec', ns, 'nfacct', 'add', n], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`nfacct add ${n}: ${(r.stderr ?? String(r.error)).trim()}`);
  }
}

/** The ipset sets and nfacct objects a case's `hostObjects` lists, to make before its rules load. */
export function objectsToMake(hostObjects: { ipset?: readonly string[]; nfacct?: readonly string[] } | undefined): { ipsets: IpSet[]; nfacct: string[] } {
  const ipsets = (hostObjects?.ipset ?? []).map((entry): IpSet => {
    const [name, family] = entry.trim().split(/\s+/);
    return { name, type: 'hash:ip', family: family === 'inet6' ? 6 : family === 'inet' ? 4 : undefined };
  });
  return { ipsets, nfacct: [...(hostObjects?.nfacct ?? [])] };
}

export interface LoadResult {
  status: number | null;
  stderr: string;
}

/** Loads `rules` for real into a fresh namespace and drops the namespace again. */
export function loadInNamespace(rules: string, loader: Loader = 'iptables-nft-restore', ipsets: readonly IpSet[] = [], nfacct: readonly string[] = []): LoadResult {
  const ns = `fwr_load_${unique()}`;
  ip('netns', 'add', ns);
  try {
    createIpSets(ns, ipsets, loader.startsWith('ip6') ? 6 : 4);
    createNfacct(ns, nfacct);
    const r = spawnSync('ip', ['netns', 'exec', ns, loader], { input: rules, encoding: 'utf8', timeout: 30000 });
    return { status: r.status, stderr: r.stderr };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

/** Loads `rules` into a fresh namespace and returns what iptables-nft-save (or -legacy-save) prints there (comment lines dropped). */
export function savedAfterLoad(rules: string, family: 'ipv4' | 'ipv6' = 'ipv4', backend: 'nft' | 'legacy' = 'nft'): { status: number | null; saved: string; stderr: string } {
  const ns = `fwr_save_${unique()}`;
  const tool = family === 'ipv6' ? 'ip6tables' : 'iptables';
  const [restore, save] = [`${tool}-${backend}-restore`, `${tool}-${backend}-save`];
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
const [host, ...rest] = process.argv.slice(1);
const ports = rest.map(Number);
let left = ports.length;
for (const p of ports) {
  net.createServer((s) => {
    s.on('error', () => {});
    s.write('BANNER ' + p + '\\n');
    s.once('data', (d) => s.end('ECHO ' + d));
  }).listen(p, host, () => { if (--left === 0) process.stdout.write('ready\\n'); });
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
  /** For `loopback` ports: what a connection from this host to itself over lo meets. */
  loopback: Map<number, KernelVerdict>;
}

export interface ProbeOptions {
  /** How long a connection may take before it counts as dropped (default 1500 ms). */
  timeoutMs?: number;
  /** 6: IPv6 addresses (fd00:200::1 and ::2) and ip6tables; default 4 (10.200.0.1 and .2). */
  family?: 4 | 6;
  /** The loader (default iptables-nft-restore, or ip6tables-nft-restore for family 6). */
  loader?: Loader;
  /** More ports to listen on, not probed (a REDIRECT's or DNAT's target). */
  listen?: number[];
  /** Ports probed from inside the namespace to its own loopback address (127.0.0.1 or ::1). */
  loopback?: number[];
  /** ipsets created (empty) in the firewalled namespace before the rules load. */
  ipsets?: readonly IpSet[];
  /** Other addresses for the host and its client (each alone on its side, routed over the veth), and another name for the host's interface. */
  addresses?: Endpoints;
}

export interface Endpoints {
  fw: string;
  cli: string;
  iface?: string;
}

/** The addresses of the probe: the firewalled host and its client, per family. */
export const PROBE_ADDRESSES = { 4: { fw: '10.200.0.1', cli: '10.200.0.2', prefix: 24, lo: '127.0.0.1' }, 6: { fw: 'fd00:200::1', cli: 'fd00:200::2', prefix: 64, lo: '::1' } } as const;

function joinedNamespaces(fw: string, cli: string, id: string, family: 4 | 6, ends?: Endpoints): void {
  const a = PROBE_ADDRESSES[family];
  const iface = ends?.iface ?? 'eth0';
  const va = `fwa${id}`.slice(0, 15);
  const vb = `fwb${id}`.slice(0, 15);
  ip('netns', 'add', cli);
  ip('link', 'add', va, 'type', 'veth', 'peer', 'name', vb);
  ip('link', 'set', va, 'netns', fw);
  ip('link', 'set', vb, 'netns', cli);
  ip('-n', fw, 'link', 'set', va, 'name', iface);
  ip('-n', cli, 'link', 'set', vb, 'name', 'eth0');
  // The kernel rate-limits ICMP errors per peer: many REJECTs at once would look like DROPs.
  spawnSync('ip', ['netns', 'exec', fw, 'sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0', 'net.ipv6.icmp.ratelimit=0']);
  const nodad = family === 6 ? ['nodad'] : [];
  const host = family === 6 ? 128 : 32;
  ip('-n', fw, 'addr', 'add', ends ? `${ends.fw}/${host}` : `${a.fw}/${a.prefix}`, 'dev', iface, ...nodad);
  ip('-n', cli, 'addr', 'add', ends ? `${ends.cli}/${host}` : `${a.cli}/${a.prefix}`, 'dev', 'eth0', ...nodad);
  for (const [n, dev] of [[fw, iface], [cli, 'eth0']]) {
    ip('-n', n, 'link', 'set', 'lo', 'up');
    ip('-n', n, 'link', 'set', dev, 'up');
  }
  if (ends) {
    ip('-n', fw, 'route', 'add', ends.cli, 'dev', iface);
    ip('-n', cli, 'route', 'add', ends.fw, 'dev', 'eth0');
  }
}

function startListener(fw: string, ports: number[], family: 4 | 6): Promise<ReturnType<typeof spawn>> {
  const proc = spawn('ip', ['netns', 'exec', fw, process.execPath, '-e', LISTENER, family === 6 ? '::' : '0.0.0.0', ...ports.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    // Generous: the namespaces of parallel probes are set up with synchronous `ip` calls.
    const timer = setTimeout(() => reject(new Error('listener did not start')), 30000);
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('ready')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
  });
}

async function connectFrom(ns: string, host: string, ports: number[], timeoutMs: number): Promise<Map<number, KernelVerdict>> {
  const verdicts = new Map<number, KernelVerdict>();
  if (!ports.length) return verdicts;
  const c = await run('ip', ['netns', 'exec', ns, process.execPath, '-e', CLIENT, host, String(timeoutMs), ...ports.map(String)], '', timeoutMs + 20000);
  const parsed = JSON.parse(c.stdout || '{}') as Record<string, KernelVerdict>;
  for (const p of ports) verdicts.set(p, parsed[String(p)]);
  return verdicts;
}

/**
 * Loads `rules` into a namespace joined by a veth pair to a client namespace (nothing else is
 * attached), then tries a new TCP connection that exchanges data on each port from the client, and
 * on each `loopback` port from the namespace to itself.
 */
export async function probeKernel(rules: string, ports: number[], options: ProbeOptions = {}): Promise<ProbeResult> {
  const family = options.family ?? 4;
  const timeoutMs = options.timeoutMs ?? 1500;
  const id = unique();
  const fw = `fwr_fw_${id}`;
  const cli = `fwr_cli_${id}`;
  ip('netns', 'add', fw);
  let listener: ReturnType<typeof spawn> | undefined;
  try {
    joinedNamespaces(fw, cli, id, family, options.addresses);
    createIpSets(fw, options.ipsets ?? [], family);
    const listened = [...new Set([...ports, ...(options.listen ?? []), ...(options.loopback ?? [])])];
    listener = await startListener(fw, listened, family);
    const loader = options.loader ?? (family === 6 ? 'ip6tables-nft-restore' : 'iptables-nft-restore');
    const r = await run('ip', ['netns', 'exec', fw, loader], rules, 30000);
    const loaded = { status: r.status, stderr: r.stderr };
    if (loaded.status !== 0) return { loaded, verdicts: new Map(), loopback: new Map() };
    const target = options.addresses?.fw ?? PROBE_ADDRESSES[family].fw;
    const lo = PROBE_ADDRESSES[family].lo;
    const [verdicts, loopback] = await Promise.all([connectFrom(cli, target, ports, timeoutMs), connectFrom(fw, lo, options.loopback ?? [], timeoutMs)]);
    return { loaded, verdicts, loopback };
  } finally {
    listener?.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', cli]);
    spawnSync('ip', ['netns', 'del', fw]);
  }
}
