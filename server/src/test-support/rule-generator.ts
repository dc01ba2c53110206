// Random rules drawn from the knowledge base, mostly valid and sometimes broken on purpose, for the
// differential test against the real iptables. Seeded, so a failure can be replayed.
import { STANDARD_TARGETS, allMatches, allTargets, type ArgForm, type LoadedSpec, type OptionSpec } from '../core/kb';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Extensions whose verdict depends on objects outside the file: ipsets (set, SET), accounting objects
// (nfacct), rate estimators (rateest needs one a RATEEST rule made), SELinux contexts (SECMARK),
// OS fingerprints (osf), a timer or LED under /sys shared by every namespace (IDLETIMER, LED); or on
// modules this kernel lacks (ipvs, and LED again).
const OUTSIDE = new Set(['set', 'SET', 'nfacct', 'rateest', 'RATEEST', 'SECMARK', 'osf', 'IDLETIMER', 'LED', 'ipvs']);

// Options of the other extensions that name such objects: conntrack helpers and timeout policies
// (CT), the host's cgroup tree (cgroup --path), pinned eBPF objects (bpf --object-pinned).
const OUTSIDE_OPTIONS = new Set(['CT --helper', 'CT --timeout', 'cgroup --path', 'bpf --object-pinned']);

// Known-good values of free-form options.
const FREE_VALUES: Record<string, string[]> = {
  'hashlimit-upto': ['10/sec', '5/minute'],
  'hashlimit-above': ['100/sec'],
  'hex-string': ['|0d0a|'],
  probability: ['0.5', '0.25'],
  'chunk-types': ['any DATA', 'all INIT'],
  'set-class': ['1:10', '10:1'],
  'strip-options': ['mss'],
  'hmark-tuple': ['src,dst'],
  'queue-balance': ['0:3'],
  'uid-owner': ['0', '1000-2000', 'root'],
  'gid-owner': ['0', '0-10'],
  u32: ['0>>22&0x3C@4=0x29', '6&0xFF=6'],
  bytecode: ['1,6 0 0 0', '4,48 0 0 9,21 0 1 6,6 0 0 1,6 0 0 0'],
  realm: ['1', '0x10/0xff'],
  label: ['1', '127'],
  header: ['hop-by-hop,frag', 'route', 'esp', 'none', '60', 'prot', 'hop,bogus'],
};

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function goodValue(r: Rand, form: ArgForm, option: string, family: 'ipv4' | 'ipv6'): string | undefined {
  const v4 = (): string => `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
  const v6 = (): string => `2001:db8:${int(r, 0, 65535).toString(16)}::${int(r, 1, 65535).toString(16)}`;
  const addr = (): string => (family === 'ipv4' ? v4() : v6());
  switch (form.kind) {
    case 'flag': return '';
    case 'port': return String(pick(r, [22, 25, 80, 443, 993, int(r, 1, 65535)]));
    case 'port-range': return pick(r, [String(int(r, 1, 65535)), `${int(r, 1, 1000)}:${int(r, 1001, 65535)}`, 'ssh', ':1024']);
    case 'port-list': return Array.from({ length: int(r, 1, 5) }, () => String(int(r, 1, 65535))).join(',');
    case 'nat-ports': return pick(r, ['8080', '1024-2048']);
    case 'nat-range': return addr();
    case 'address': return r() < 0.5 ? addr() : `${addr()}/${family === 'ipv4' ? 32 : 128}`;
    case 'host': return addr();
    case 'address-list': return addr();
    case 'address-range': return family === 'ipv4' ? '10.0.0.1-10.0.0.9' : '2001:db8::1-2001:db8::9';
    case 'prefix': return '2001:db8::/64';
    case 'interface': return pick(r, ['eth0', 'eth+', 'wg0', 'lo']);
    case 'number': return String(int(r, form.min, Math.min(form.max, form.min + 1000)));
    case 'number-range': return `${form.min}:${Math.min(form.max, form.min + 100)}`;
    case 'group-mask': return String(int(r, 0, family === 'ipv4' ? 32 : 128));
    case 'value-mask': return pick(r, ['0x1', '0x10/0xff', '5']);
    case 'enum': return form.values.length ? pick(r, form.values) : form.numeric ? String(form.numeric.min) : undefined;
    case 'flag-list': return 'SYN,ACK,FIN,RST SYN';
    case 'sctp-chunks': return pick(r, FREE_VALUES['chunk-types']);
    case 'string': return form.maxLength < 1 ? undefined : 'abc';
    case 'u64': return pick(r, ['0', '1000000', '18446744073709551615']);
    case 'float': return pick(r, ['0.5', '0.25']);
    case 'hashlimit-rate': return pick(r, ['10/sec', '5/minute', '100/sec']);
    case 'hashlimit-burst': return pick(r, ['5', '100']);
    case 'hmark-tuple': return pick(r, ['src,dst', 'src,dst,sport,dport,proto', 'ct']);
    case 'protocol': return pick(r, ['tcp', 'udp', '6']);
    case 'rate': return pick(r, ['3/min', '10/second', '1/hour']);
    case 'mac': return '00:11:22:33:44:55';
    case 'time-of-day': return '08:30';
    case 'date': return '2025-01-01';
    case 'set-flags': return undefined;
    case 'free': return FREE_VALUES[option] ? pick(r, FREE_VALUES[option]) : undefined;
  }
}

function badValue(r: Rand, form: ArgForm, family: 'ipv4' | 'ipv6'): string | undefined {
  switch (form.kind) {
    case 'port': case 'port-range': return pick(r, ['70000', '80:22', 'nosuchservice', '-1']);
    case 'port-list': return pick(r, ['1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16', '1,70000']);
    case 'address': case 'address-list': return pick(r, family === 'ipv4' ? ['10.0.0.256', '10.0.0.0/33', '2001:db8::1'] : ['2001:db8::/129', '10.0.0.1', 'gggg::1']);
    case 'interface': return 'averyveryverylongname0';
    case 'number': return form.max < 4294967295 ? String(form.max + 1) : 'x';
    case 'u64': return '18446744073709551616';
    case 'float': return pick(r, ['1.1', 'x']);
    case 'hashlimit-rate': return pick(r, ['0/sec', '3/fortnight']);
    case 'hashlimit-burst': return '1000001';
    case 'hmark-tuple': return pick(r, ['src,foo', 'src,']);
    case 'group-mask': return family === 'ipv4' ? '4294967296' : '129';
    case 'number-range': return `${Math.min(form.max, 5)}:${Math.min(form.max, 5) - 1}`;
    case 'value-mask': return '0x1/0x2/0x3';
    case 'enum': return 'BOGUS';
    case 'flag-list': return 'SYN,BOGUS SYN';
    case 'sctp-chunks': return pick(r, ['any BOGUS', 'some DATA', 'any DATA:x']);
    case 'protocol': return 'nosuchproto';
    case 'rate': return '3/fortnight';
    case 'mac': return '00:11';
    case 'time-of-day': return '25:00';
    default: return undefined;
  }
}

/**
 * A hashlimit name of its own for each rule: the kernel keeps one hash table per name, shared with
 * the rules a load replaces, and refuses a rule whose --hashlimit-rate-match differs from the table's
 * (an object outside the rule: the differential loads every rule into the same namespace).
 */
const uniqueName = (r: Rand): string => `h${int(r, 0, 36 ** 6 - 1).toString(36)}`;

function options(r: Rand, spec: LoadedSpec, family: 'ipv4' | 'ipv6', broken: { left: number }): string[] {
  const out: string[] = [];
  const list = spec.list.filter((o) => !(o.form.kind === 'free' && !FREE_VALUES[o.name]) && o.form.kind !== 'set-flags' && !OUTSIDE_OPTIONS.has(`${spec.spec.name} --${o.name}`));
  const required = [...(spec.spec.required ? [spec.spec.required] : []), ...(spec.spec.requiredGroups ?? [])];
  const chosen = new Set<OptionSpec>();
  for (const group of required) {
    const o = list.find((x) => x.name === group[0]);
    if (o && r() < 0.93) chosen.add(o);
  }
  const extra = int(r, 0, 2);
  for (let k = 0; k < extra && list.length; k++) chosen.add(pick(r, list));
  for (const o of chosen) {
    let value = o.name === 'hashlimit-name' ? uniqueName(r) : goodValue(r, o.form, o.name, family);
    if (broken.left > 0 && r() < 0.12) {
      const bad = badValue(r, o.form, family);
      if (bad !== undefined) {
        value = bad;
        broken.left--;
      }
    }
    if (value === undefined) continue;
    const neg = o.invert && r() < 0.15 ? '! ' : '';
    out.push(`${neg}--${o.name}${value === '' ? '' : ' ' + (/\s/.test(value) && o.form.kind !== 'flag-list' && o.name !== 'chunk-types' ? `"${value}"` : value)}`);
  }
  return out;
}

const TABLE_CHAINS: Record<string, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export interface GeneratedRule {
  table: string;
  chain: string;
  rule: string;
  text: string;
}

// How often the table, chain and protocol are drawn to suit the rule's extensions (so that their
// options are loaded where the kernel takes them), rather than at random.
const FITTING = 0.8;

// The -p word for a protocol the knowledge base names.
const PROTOCOL_WORD: Record<string, string> = { icmp6: 'icmpv6' };

// Matches iptables loads by itself after `-p NAME`: their options may follow without `-m NAME`.
const IMPLICIT = new Set(['tcp', 'udp', 'sctp', 'dccp', 'icmp', 'udplite']);

function chooseTable(r: Rand, target: LoadedSpec | undefined): string {
  const tables = target?.spec.tables;
  if (tables && r() < FITTING) return pick(r, tables.filter((t) => TABLE_CHAINS[t]));
  return r() < 0.6 ? 'filter' : pick(r, ['nat', 'mangle', 'raw', 'security']);
}

function chooseChain(r: Rand, table: string, used: readonly LoadedSpec[]): string {
  const chains = TABLE_CHAINS[table];
  let fitting = chains;
  for (const u of used) if (u.spec.hooks) fitting = fitting.filter((c) => u.spec.hooks!.includes(c));
  return fitting.length && r() < FITTING ? pick(r, fitting) : pick(r, chains);
}

function chooseProtocol(r: Rand, family: 'ipv4' | 'ipv6', used: readonly LoadedSpec[]): string | undefined {
  const wanted = used.find((u) => u.spec.protocols)?.spec.protocols;
  if (wanted && r() < FITTING) {
    const p = pick(r, wanted);
    return PROTOCOL_WORD[p] ?? p;
  }
  return r() < 0.6 ? pick(r, family === 'ipv4' ? ['tcp', 'udp', 'icmp', 'all', 'sctp'] : ['tcp', 'udp', 'icmpv6', 'all']) : undefined;
}

/**
 * A rule of random extensions and options: the extensions are drawn first, then (mostly) a table,
 * chain and protocol where the kernel takes them; sometimes one value is broken on purpose.
 */
export function generateRule(r: Rand, family: 'ipv4' | 'ipv6'): GeneratedRule {
  const matchSpecs = allMatches(family).filter((m) => !OUTSIDE.has(m.spec.name));
  const matches = Array.from({ length: int(r, 0, 2) }, () => pick(r, matchSpecs));
  const targetKind = r() < 0.85 ? (r() < 0.4 ? 'standard' : 'extension') : 'none';
  const target = targetKind === 'extension' ? pick(r, allTargets(family).filter((t) => !OUTSIDE.has(t.spec.name))) : undefined;
  const used = target ? [target, ...matches] : matches;
  const table = chooseTable(r, target);
  const chain = chooseChain(r, table, used);
  const proto = chooseProtocol(r, family, used);
  const broken = { left: r() < 0.35 ? 1 : 0 };
  const parts: string[] = [];
  if (proto) parts.push(`-p ${proto}`);
  // Sometimes the protocol's own match is left implicit: its options right after -p, without -m.
  const implicit = proto && IMPLICIT.has(proto) && r() < 0.3 ? matches.findIndex((m) => m.spec.name === proto) : -1;
  if (implicit >= 0) parts.push(...options(r, matches[implicit], family, broken));
  if (r() < 0.2) parts.push(`-s ${goodValue(r, { kind: 'address' }, '', family)}`);
  if (r() < 0.1) parts.push(`-i ${r() < 0.8 ? 'eth0' : 'averyveryverylongname0'}`);
  matches.forEach((m, k) => {
    if (k !== implicit) parts.push(`-m ${m.spec.name}`, ...options(r, m, family, broken));
  });
  if (targetKind === 'standard') parts.push(`-j ${pick(r, Object.keys(STANDARD_TARGETS).filter((t) => t !== 'QUEUE'))}`);
  if (target) parts.push(`-j ${target.spec.name}`, ...options(r, target, family, broken));
  const rule = parts.join(' ');
  const text = `*${table}\n-A ${chain} ${rule}\nCOMMIT\n`;
  return { table, chain, rule, text };
}
