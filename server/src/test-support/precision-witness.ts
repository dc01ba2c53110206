// ssh-lockout claims that no client can open SSH, not only the probe's client on eth0. Its silence
// claims that some client can. So where the probe's client is blocked, the kernel is asked again
// from clients the file itself names: each rule that may let tcp/22 in gives its interface, source
// and destination. A lockout is confirmed when none of them gets in; silence, when one does.
import { parse, parseNetwork, reach } from '../core';
import type { Endpoints } from './netns';
import { type Family, type Loading, type PortVerdict, probeAs } from './precision';
import { kernelView } from './reach.cases';

/** A client no private-range or bogon list names, for files that drop 10.0.0.0/8. */
const PUBLIC = { ipv4: { fw: '81.0.0.1', cli: '81.0.0.2' }, ipv6: { fw: '2a00::1', cli: '2a00::2' } } as const;
const MAX_CANDIDATES = 12;
const BLOCKING = new Set(['DROP', 'REJECT', 'LOG', 'NFLOG', 'RETURN', 'TARPIT']);
const OUTBOUND = new Set(['OUTPUT', 'POSTROUTING', 'FORWARD']);

function format(bytes: number[], family: 4 | 6): string {
  if (family === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

/** A unicast host in `text` (a network: its address plus `k`), or undefined. */
function hostIn(text: string, family: Family, k: number): string | undefined {
  const n = parseNetwork(text);
  if (!n || n.family !== (family === 'ipv6' ? 6 : 4)) return undefined;
  const bytes = n.bytes.slice();
  const width = n.family === 4 ? 32 : 128;
  if (n.prefix < width - 2) bytes[bytes.length - 1] += k;
  const first = bytes[0];
  // 240.0.0.0/4 stays: Linux takes it as unicast. Multicast, broadcast, loopback and 0/8 cannot open a connection.
  if (n.family === 4 && (first === 0 || first === 127 || (first >= 224 && first < 240) || bytes.every((b) => b === 255))) return undefined;
  if (n.family === 6 && (first === 0xff || (first === 0xfe && (bytes[1] & 0xc0) === 0x80) || bytes.every((b, i) => b === (i === 15 ? 1 : 0)) || bytes.every((b) => b === 0))) return undefined;
  return format(bytes, n.family);
}

/** Whether a rule's port options leave tcp/22 possible. */
function mayBePort22(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!/^--(dport|dports|destination-ports?|ports)$/.test(words[i]) || words[i - 1] === '!') continue;
    const items = (words[i + 1] ?? '').split(',');
    const covers = items.some((item) => {
      if (item === 'ssh') return true;
      const [lo, hi] = item.split(':');
      const low = lo === '' ? 0 : Number(lo);
      const high = hi === undefined ? low : hi === '' ? 65535 : Number(hi);
      return low <= 22 && 22 <= high;
    });
    if (!covers) return false;
  }
  return true;
}

function valuesOf(words: string[], names: RegExp): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length - 1; i++) if (names.test(words[i]) && words[i - 1] !== '!' && words[i + 1] !== '!') found.push(...words[i + 1].split(','));
  return found;
}

/** Clients the file names for rules that may let tcp/22 in, and a public one. */
export function sshCandidates(text: string, family: Family): Endpoints[] {
  const found = new Map<string, Endpoints>();
  const add = (e: Endpoints): void => {
    if (e.fw !== e.cli && found.size < MAX_CANDIDATES) found.set(`${e.iface}|${e.cli}|${e.fw}`, e);
  };
  add({ ...PUBLIC[family], iface: 'eth0' });
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== '-A' && words[0] !== '-I') continue;
    if (OUTBOUND.has(words[1])) continue;
    const target = valuesOf(words, /^(-j|--jump|-g|--goto)$/)[0];
    const protocol = valuesOf(words, /^(-p|--protocol)$/)[0]?.toLowerCase();
    if ((target && BLOCKING.has(target)) || (protocol && !['tcp', '6', 'all'].includes(protocol)) || !mayBePort22(words)) continue;
    const ifaces = valuesOf(words, /^(-i|--in-interface)$/).map((i) => i.replace(/\+$/, '0')).filter((i) => i !== 'lo' && i.length <= 15);
    const sources = valuesOf(words, /^(-s|--source|--src)$/);
    const destinations = valuesOf(words, /^(-d|--destination|--dst)$/);
    if (!ifaces.length && !sources.length && !destinations.length) continue;
    const cli = sources.length ? hostIn(sources[0], family, 2) : PUBLIC[family].cli;
    const fw = destinations.length ? hostIn(destinations[0], family, 1) : PUBLIC[family].fw;
    if (cli && fw) add({ fw, cli, iface: ifaces[0] ?? 'eth0' });
  }
  return [...found.values()];
}

export interface Witness {
  ends: Endpoints;
  /** The engine's tcp/22 verdict for this client, as it sees it, beside the kernel's. */
  verdict: PortVerdict;
}

/** The kernel's tcp/22 verdict for each client the file names. */
export async function sshWitnesses(l: Loading, run: <T>(work: () => Promise<T>) => Promise<T>): Promise<Witness[]> {
  const file = parse(l.file.text, l.family);
  return Promise.all(
    sshCandidates(l.file.text, l.family).map(async (ends) => {
      const probed = await run(() => probeAs(l, l.file.text, [22], ends));
      const engine = kernelView(reach(file, { port: 22, from: ends.cli, to: ends.fw, iface: ends.iface }));
      return { ends, verdict: { port: 22, engine, kernel: probed.verdicts.get(22) } };
    }),
  );
}
