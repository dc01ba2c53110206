// The precision suite's files and what the real iptables says of them: real rules files admins
// published (../shared/conformance/realworld), loaded into throwaway namespaces. Every warning the
// linter gives on them is checked against the kernel by precision-confirm.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectFamily, lint, parse, reach, type Diagnostic } from '../core';
import { type Endpoints, type IpSet, type KernelVerdict, type Loader, loadInNamespace, probeKernel, PROBE_ADDRESSES, type ProbeResult } from './netns';
import { SHARED } from './paths';
import { kernelView } from './reach.cases';

export const REALWORLD = path.join(SHARED, 'conformance', 'realworld');

/** The ports probed from the client on eth0 for every file. */
export const PRECISION_PORTS = [22, 25, 80, 443, 3306, 8080, 12345];
/** The ports probed over lo: missing-loopback's own (3306) and one few files name. */
export const LOOPBACK_PORTS = [3306, 12345];

export type Family = 'ipv4' | 'ipv6';

export interface RealFile {
  name: string;
  text: string;
  /** The family SOURCES.tsv gives. */
  labelled: Family;
}

/** The files SOURCES.tsv lists, in its order. */
export function readRealWorld(dir = REALWORLD): RealFile[] {
  const rows = readFileSync(path.join(dir, 'SOURCES.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim());
  return rows.map((row) => {
    const [name, , , , family] = row.split('\t');
    return { name, text: readFileSync(path.join(dir, name), 'utf8'), labelled: family.trim() === 'ipv6' ? 'ipv6' : 'ipv4' };
  });
}

export const realWorldMissing = (dir = REALWORLD): string | undefined => (existsSync(path.join(dir, 'SOURCES.tsv')) ? undefined : `${dir} is not there`);

export const nftLoader = (family: Family): Loader => (family === 'ipv6' ? 'ip6tables-nft-restore' : 'iptables-nft-restore');
export const legacyLoader = (family: Family): Loader => (family === 'ipv6' ? 'ip6tables-legacy-restore' : 'iptables-legacy-restore');

const SET_TYPES = ['hash:net', 'hash:net,port', 'hash:net,port,net'];

/** The ipsets `-m set --match-set NAME DIRS` names, with a type of as many dimensions as DIRS has. */
export function ipsetsOf(text: string): IpSet[] {
  const sets = new Map<string, IpSet>();
  for (const m of text.matchAll(/^-[AI] .*?--match-set (\S+) (\S+)/gm)) {
    const dims = Math.min(m[2].split(',').length, SET_TYPES.length);
    if (!sets.has(m[1])) sets.set(m[1], { name: m[1], type: SET_TYPES[dims - 1] });
  }
  return [...sets.values()];
}

/** The ports REDIRECT and DNAT send connections to: a listener must wait there (ranges: their first ports). */
export function redirectPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const m of text.matchAll(/^-[AI] .*?--to(?:-ports|-destination)? (\S+)/gm)) {
    const spec = /(?:^|:)(\d+)(?:-(\d+))?$/.exec(m[1].replace(/^\[.*\]/, ''));
    if (!spec || (!m[1].includes(':') && !/--to-ports/.test(m[0]))) continue;
    const low = Number(spec[1]);
    const high = Math.min(Number(spec[2] ?? low), low + 4);
    for (let p = low; p <= high; p++) if (p > 0 && p < 65536) ports.add(p);
  }
  return [...ports];
}

/** The 1-based line iptables-restore names in its error, if any. */
export function refusedAt(stderr: string): number | undefined {
  const m = /Error occurred at line: (\d+)/.exec(stderr) ?? /\bline (\d+)\b/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

/** A host name iptables could not look up: the namespace has no resolver, so the file is skipped. */
export function unresolvedHost(stderr: string): string | undefined {
  const m = /host\/network `([^']+)' not found/.exec(stderr);
  if (!m || /^[\d.]+$/.test(m[1]) || m[1].includes(':')) return undefined;
  return m[1];
}

let ipsetThere: boolean | undefined;
const hasIpset = (): boolean => (ipsetThere ??= spawnSync('ipset', ['--version'], { stdio: 'ignore' }).status === 0);

/** A file as far as loading goes: the family it loads in, or why it is refused or skipped. */
export interface Loading {
  file: RealFile;
  /** Our family detection on the name and text. */
  detected: Family;
  /** The family it was loaded, linted and probed in (the detected one unless only the other loads). */
  family: Family;
  ipsets: IpSet[];
  skipped?: string;
  /** Refused in the detected family: the line iptables names and what it said. */
  refused?: { line: number | undefined; stderr: string };
  loads: boolean;
  note?: string;
}

/** Loads the file with the nft loader of the family we detect (then of the other, when that is refused). */
export function loadRealFile(file: RealFile): Loading {
  const detected = detectFamily(file.text, file.name, 'auto');
  const ipsets = ipsetsOf(file.text);
  const base = { file, detected, family: detected, ipsets };
  if (ipsets.length && !hasIpset()) return { ...base, loads: false, skipped: `needs the ipsets ${ipsets.map((s) => s.name).join(', ')}, and ipset is not installed (apt-get install ipset)` };
  const first = loadInNamespace(file.text, nftLoader(detected), ipsets);
  if (first.status === 0) return { ...base, loads: true };
  const host = unresolvedHost(first.stderr);
  if (host) return { ...base, loads: false, skipped: `names the host ${host}, which the namespace cannot look up` };
  const refused = { line: refusedAt(first.stderr), stderr: first.stderr.trim() };
  const other: Family = detected === 'ipv4' ? 'ipv6' : 'ipv4';
  if (loadInNamespace(file.text, nftLoader(other), ipsets).status !== 0) return { ...base, refused, loads: false };
  return { ...base, family: other, refused, loads: true, note: `labelled ${file.labelled}, detected ${detected}: ${nftLoader(detected)} refuses it, ${nftLoader(other)} loads it; probed as ${other}` };
}

/** What the linter says, with default settings (backend and family auto), or the family the file loads in. */
export function lintRealFile(l: Loading): Diagnostic[] {
  return lint(l.file.text, l.family === l.detected ? { fileName: l.file.name } : { fileName: l.file.name, family: l.family });
}

export const client = (family: Family): { from: string; to: string; iface: string } => {
  const a = PROBE_ADDRESSES[family === 'ipv6' ? 6 : 4];
  return { from: a.cli, to: a.fw, iface: 'eth0' };
};

/** Probes `text` as the file `l` loads: its ipsets, listeners on its redirect targets, loopback ports. */
export function probeAs(l: Loading, text: string, ports: number[], addresses?: Endpoints): Promise<ProbeResult> {
  return probeKernel(text, ports, { family: l.family === 'ipv6' ? 6 : 4, listen: redirectPorts(text), loopback: addresses ? [] : LOOPBACK_PORTS, ipsets: l.ipsets, addresses });
}

export interface PortVerdict {
  port: number;
  engine: string[];
  kernel: KernelVerdict | undefined;
}

/** The engine's verdict per precision port, as the probe client sees it, beside the kernel's. */
export function reachVerdicts(l: Loading, probed: ProbeResult): PortVerdict[] {
  const parsed = parse(l.file.text, l.family);
  return PRECISION_PORTS.map((port) => ({ port, engine: kernelView(reach(parsed, { port, ...client(l.family) })), kernel: probed.verdicts.get(port) }));
}

/** Every probed verdict of a probe, eth0 and lo, for comparing two versions of a file. */
export function verdictKey(probed: ProbeResult): string {
  const eth = [...probed.verdicts].sort((a, b) => a[0] - b[0]).map(([p, v]) => `${p}:${v}`);
  const lo = [...probed.loopback].sort((a, b) => a[0] - b[0]).map(([p, v]) => `lo${p}:${v}`);
  return probed.loaded.status === 0 ? [...eth, ...lo].join(' ') : `refused: ${probed.loaded.stderr.trim()}`;
}

/** Runs `work` on every item with at most `size` at once. */
export async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: size }, worker));
}
