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

// Extensions whose verdict depends on objects outside the file (sets, accounting objects, SELinux
// contexts, estimators, cgroups) or on modules a namespace lacks.
const OUTSIDE = new Set(['set', 'SET', 'nfacct', 'connlabel', 'rateest', 'RATEEST', 'cgroup', 'SECMARK', 'CONNSECMARK', 'ULOG', 'LED', 'IDLETIMER', 'osf', 'CT', 'ipvs', 'realm', 'bpf', 'u32', 'cluster', 'physdev', 'helper', 'TEE', 'owner', 'NFQUEUE', 'AUDIT', 'SYNPROXY', 'TPROXY', 'socket']);

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
    case 'protocol': return 'nosuchproto';
    case 'rate': return '3/fortnight';
    case 'mac': return '00:11';
    case 'time-of-day': return '25:00';
    default: return undefined;
  }
}

function options(r: Rand, spec: LoadedSpec, family: 'ipv4' | 'ipv6', broken: { left: number }): string[] {
  const out: string[] = [];
  const list = spec.list.filter((o) => !(o.form.kind === 'free' && !FREE_VALUES[o.name]) && o.form.kind !== 'set-flags');
  const required = [...(spec.spec.required ? [spec.spec.required] : []), ...(spec.spec.requiredGroups ?? [])];
  const chosen = new Set<OptionSpec>();
  for (const group of required) {
    const o = list.find((x) => x.name === group[0]);
    if (o && r() < 0.93) chosen.add(o);
  }
  const extra = int(r, 0, 2);
  for (let k = 0; k < extra && list.length; k++) chosen.add(pick(r, list));
  for (const o of chosen) {
    let value = goodValue(r, o.form, o.name, family);
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
};

export interface GeneratedRule {
  table: string;
  chain: string;
  rule: string;
  text: string;
}

export function generateRule(r: Rand, family: 'ipv4' | 'ipv6'): GeneratedRule {
  const table = r() < 0.7 ? 'filter' : pick(r, ['nat', 'mangle', 'raw']);
  const chain = pick(r, TABLE_CHAINS[table]);
  const parts: string[] = [];
  const broken = { left: r() < 0.35 ? 1 : 0 };
  const proto = r() < 0.6 ? pick(r, family === 'ipv4' ? ['tcp', 'udp', 'icmp', 'all', 'sctp'] : ['tcp', 'udp', 'icmpv6', 'all']) : undefined;
  if (proto) parts.push(`-p ${proto}`);
  if (r() < 0.2) parts.push(`-s ${goodValue(r, { kind: 'address' }, '', family)}`);
  if (r() < 0.1) parts.push(`-i ${r() < 0.8 ? 'eth0' : 'averyveryverylongname0'}`);
  const matches = allMatches(family).filter((m) => !OUTSIDE.has(m.spec.name));
  const count = int(r, 0, 2);
  for (let k = 0; k < count; k++) {
    const m = pick(r, matches);
    parts.push(`-m ${m.spec.name}`, ...options(r, m, family, broken));
  }
  if (r() < 0.85) {
    if (r() < 0.5) {
      parts.push(`-j ${pick(r, Object.keys(STANDARD_TARGETS).filter((t) => t !== 'QUEUE'))}`);
    } else {
      const targets = allTargets(family).filter((t) => !OUTSIDE.has(t.spec.name));
      const t = pick(r, targets);
      parts.push(`-j ${t.spec.name}`, ...options(r, t, family, broken));
    }
  }
  const rule = parts.join(' ');
  const text = `*${table}\n-A ${chain} ${rule}\nCOMMIT\n`;
  return { table, chain, rule, text };
}
