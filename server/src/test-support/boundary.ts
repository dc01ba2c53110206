// The boundary suite's cases, generated from the knowledge base: for every option of every match and
// target, the values at and beyond its limits, a value of the wrong form, a negation, a missing
// argument, the option twice, each option it needs left out, each option it excludes added, and the
// extension in every table and chain. Each case is one rule; the real iptables decides whether it
// loads (boundary-run.ts), and so must we.
import { allMatches, allTargets, type ArgForm, type Family, type LoadedSpec, type OptionSpec } from '../core/kb';

export interface BoundaryCase {
  /** `-m NAME` or `-j NAME`. */
  extension: string;
  family: Family;
  table: string;
  chain: string;
  /** The rule after `-A CHAIN`. */
  rule: string;
  /** What the case tries, as `--option: above max`. */
  what: string;
  /** The object outside the file the verdict depends on, when it does. */
  outside?: string;
  /** The kind of object the suite can make for it. */
  made?: ObjectKind;
  /** For a case that tries one value of an option: the option (its saved spelling) and the value as written. */
  value?: { option: string; written: string; form: ArgForm['kind']; max?: number };
}

export const TABLE_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/**
 * Extensions (or options, `j CT --helper`) whose verdict depends on something no rules file holds:
 * what that is, and the kind of object the suite makes in its namespaces when the machine has the
 * tool for it (then the cases are judged; otherwise they are counted and listed).
 */
export const OUTSIDE: Readonly<Record<string, { what: string; made?: ObjectKind }>> = {
  'm set': { what: 'an ipset set', made: 'ipset' },
  'j SET': { what: 'an ipset set', made: 'ipset' },
  'm nfacct': { what: 'an nfacct object', made: 'nfacct' },
  'm connlabel': { what: 'the connlabel names of /etc/xtables/connlabel.conf', made: 'connlabel' },
  'm rateest': { what: 'an estimator made by a RATEEST rule' },
  'j SECMARK': { what: 'an SELinux context' },
  'j CONNSECMARK': { what: 'an SELinux policy' },
  'm cgroup': { what: 'a cgroup path' },
  'm bpf': { what: 'a BPF program or pinned object' },
  // Options whose value names such an object: the cases of that option only.
  'j CT --helper': { what: 'a conntrack helper in the kernel (--helper ftp loads, --helper aaa is refused: RULE_APPEND failed (No such file or directory))' },
  'j CT --timeout': { what: 'a timeout policy made with `nfct add timeout` (none here: every --timeout is refused, RULE_APPEND failed (Invalid argument))' },
};

/**
 * Options whose value names an object the kernel keeps while a rule holds it, and that the next case
 * of a batch meets: an IDLETIMER label is one timer, and the kernel refuses a rule that names an
 * existing one with another timer type (`--alarm`). The cases of each other option get a label of
 * their own, as a rule loaded alone would find no timer.
 */
const NAME_PER_OPTION: Readonly<Record<string, string>> = {
  'j IDLETIMER': 'label',
};

/** The kinds of host object whose state the suite knows: those it makes, and connlabel names where the machine has none. */
export type ObjectKind = 'ipset' | 'nfacct' | 'connlabel';

/**
 * The objects the suite makes in each namespace, by kind: ipset sets (name and family) and nfacct
 * objects. connlabel names come from the machine's /etc/xtables/connlabel.conf: they are judged only
 * where it has none.
 */
export const OBJECTS = {
  ipset: [{ name: 'foo', family: 'inet' }, { name: 'foo6', family: 'inet6' }],
  nfacct: ['a', 'aaa', 'a'.repeat(31), 'a b'],
} as const;

/** The same objects as the lint options name them (missing-object), with no connlabel names. */
export const HOST_OBJECTS = {
  ipset: OBJECTS.ipset.map((s) => `${s.name} ${s.family}`),
  nfacct: [...OBJECTS.nfacct],
  connlabel: [] as string[],
};

/** The name of an object no namespace of the suite has. */
const LACKING = 'nothere';

const setName = (family: Family): string => (family === 'ipv6' ? 'foo6' : 'foo');

/** Values known to be right for options whose form is free text. */
const FREE_VALUES: Readonly<Record<string, string>> = {
  'chunk-types': 'any DATA',
  'set-class': '1:10',
  'strip-options': 'mss',
  'queue-balance': '0:3',
  'hex-string': '|0d0a|',
  u32: '0>>22&0x3C@12>>26&0x3C@0&0xFF=0x17',
  'bytecode': '4,48 0 0 9,21 0 1 6,6 0 0 1,6 0 0 0',
  'to-ports': '8080',
  'rateest-interval': '250ms',
  'rateest-ewmalog': '1s',
  'rateest-bps1': '',
  'rateest-pps1': '',
  'rateest-bps2': '',
  'rateest-pps2': '',
  realm: '0x1',
  label: '1',
  header: 'frag',
};

const ADDR = { ipv4: '10.0.0.1', ipv6: '2001:db8::1' } as const;

/** A value the option takes, or undefined when the kb cannot tell one. */
export function goodValue(o: OptionSpec, family: Family): string | undefined {
  const form = o.form;
  switch (form.kind) {
    case 'flag': return '';
    case 'port': case 'port-range': case 'nat-ports': return '80';
    case 'port-list': return '80,443';
    case 'nat-range': case 'address': case 'host': case 'address-list': return ADDR[family];
    case 'address-range': return family === 'ipv4' ? '10.0.0.1-10.0.0.9' : '2001:db8::1-2001:db8::9';
    case 'prefix': return '2001:db8::/64';
    case 'interface': return 'eth0';
    case 'number': return String(form.min === 0 && form.max >= 1 ? 1 : form.min);
    case 'number-range': return `${form.min}:${Math.min(form.max, form.min + 1)}`;
    case 'group-mask': return family === 'ipv4' ? '24' : '64';
    case 'value-mask': return '0x1';
    case 'enum': return form.values[0] ?? (form.numeric ? String(form.numeric.min) : undefined);
    case 'flag-list': return 'SYN,ACK SYN';
    case 'sctp-chunks': return 'any DATA';
    case 'string': return 'a'.repeat(Math.max(3, form.minLength ?? 0)).slice(0, Math.max(form.maxLength, form.minLength ?? 0));
    case 'u64': return '1000';
    case 'float': return String((form.min + form.max) / 2);
    case 'hashlimit-rate': return '10/sec';
    case 'hashlimit-burst': return '5';
    case 'hmark-tuple': return 'src,dst';
    case 'protocol': return 'tcp';
    case 'rate': return '3/min';
    case 'mac': return '00:11:22:33:44:55';
    case 'time-of-day': return '08:30';
    case 'date': return '2025-01-01';
    case 'set-flags': return `${setName(family)} src`;
    case 'free': return FREE_VALUES[o.name];
  }
}

const count = (n: number, from = 1): string => Array.from({ length: n }, (_, k) => String(from + k)).join(',');

/** Values at and beyond the limits of a form, and of the wrong form, each with what it tries. */
export function boundaryValues(form: ArgForm, family: Family): Array<[string, string]> {
  const v4 = family === 'ipv4';
  switch (form.kind) {
    case 'port': return [['0', 'min'], ['65535', 'max'], ['65536', 'above max'], ['ssh', 'a service name'], ['nosuchservice', 'an unknown name'], ['-1', 'negative'], ['1:2', 'a range']];
    case 'port-range': return [['0', 'min'], ['65535', 'max'], ['65536', 'above max'], ['70000', 'far above max'], ['1:2', 'a range'], ['2:1', 'a backwards range'], ['3:3', 'a range of one'], [':1024', 'an open start'], ['1024:', 'an open end'], ['ssh', 'a service name'], ['domain', 'a udp service name'], ['nosuchservice', 'an unknown name'], ['1:65536', 'a range above max'], ['-1', 'negative'], ['x:y', 'words']];
    case 'port-list': return [[count(form.max), `${form.max} ports`], [count(form.max + 1), `${form.max + 1} ports`], [`1:2,${count(form.max - 2, 3)}`, 'a range and ports to the limit'], [`1:2,${count(form.max - 1, 3)}`, 'a range and ports beyond the limit'], ['2:1', 'a backwards range'], ['3:3', 'a range of one'], ['0,65535', 'min and max'], ['65536', 'above max'], ['1,,2', 'an empty item'], ['ssh,smtp', 'names']];
    case 'nat-ports': return [['0', 'min'], ['65535', 'max'], ['65536', 'above max'], ['1024-2048', 'a range'], ['2048-1024', 'a backwards range'], ['x', 'a word']];
    case 'nat-range': return v4
      ? [['10.0.0.1-10.0.0.9', 'a range'], ['10.0.0.9-10.0.0.1', 'a backwards range'], ['10.0.0.1:80', 'a port'], ['10.0.0.1:80-90', 'a port range'], ['10.0.0.1:90-80', 'a backwards port range'], ['10.0.0.1:65536', 'a port above max'], ['10.0.0.256', 'an octet above 255'], ['2001:db8::1', 'an IPv6 address']]
      : [['[2001:db8::1]:80', 'a port'], ['2001:db8::1-2001:db8::9', 'a range'], ['[2001:db8::1]:65536', 'a port above max'], ['10.0.0.1', 'an IPv4 address'], ['gggg::1', 'not an address']];
    case 'address': case 'address-list': case 'host': return v4
      ? [['10.0.0.0/0', 'prefix 0'], ['10.0.0.1/32', 'prefix 32'], ['10.0.0.1/33', 'prefix 33'], ['10.0.0.0/255.255.255.0', 'a dotted mask'], ['10.0.0.256', 'an octet above 255'], ['10.0.0.1,10.0.0.2', 'a list'], ['2001:db8::1', 'an IPv6 address']]
      : [['::/0', 'prefix 0'], ['2001:db8::1/128', 'prefix 128'], ['2001:db8::1/129', 'prefix 129'], ['2001:db8::1,2001:db8::2', 'a list'], ['10.0.0.1', 'an IPv4 address'], ['gggg::1', 'not an address']];
    case 'address-range': return v4
      ? [['10.0.0.9-10.0.0.1', 'a backwards range'], ['10.0.0.1', 'one address'], ['10.0.0.1-10.0.0.256', 'an octet above 255'], ['10.0.0.0/24', 'a prefix']]
      : [['2001:db8::9-2001:db8::1', 'a backwards range'], ['2001:db8::1', 'one address'], ['10.0.0.1-10.0.0.9', 'IPv4 addresses']];
    case 'prefix': return [['2001:db8::/0', 'prefix 0'], ['2001:db8::/128', 'prefix 128'], ['2001:db8::/129', 'prefix 129'], ['2001:db8::', 'no prefix length'], ['10.0.0.0/8', 'an IPv4 prefix']];
    case 'interface': return [['eth+', 'a wildcard'], ['abcdefghijklmno', '15 characters'], ['abcdefghijklmnop', '16 characters'], ['""', 'empty'], ['eth0.100', 'a dot']];
    case 'set-flags': {
      const set = setName(family);
      return [[`${set} src,dst`, 'two flags'], [`${set} src,dst,src,dst,src,dst`, 'six flags'], [`${set} src,dst,src,dst,src,dst,src`, 'seven flags'], [`${set} bogus`, 'an unknown flag']];
    }
    default: return numericBoundaries(form, family);
  }
}

function numericBoundaries(form: ArgForm, family: Family): Array<[string, string]> {
  switch (form.kind) {
    case 'number': return [
      ...(form.min > 0 ? [[String(form.min - 1), 'below min'] as [string, string]] : [['-1', 'negative'] as [string, string]]),
      [String(form.min), 'min'], [String(form.max), 'max'], [String(form.max + 1), 'above max'], ['x', 'a word'], [`0x${Math.max(form.min, 1).toString(16)}`, 'hexadecimal'], ['1.5', 'a fraction'], [`${form.min}:${form.max}`, 'a range'],
    ];
    case 'number-range': return [
      [String(form.min), 'min'], [String(form.max), 'max'], [String(form.max + 1), 'above max'], [`${form.min}:${form.max}`, 'min to max'], [`${form.min}:${form.max + 1}`, 'a range above max'],
      [`${form.min + 1}:${form.min}`, 'a backwards range'], [`${form.min + 3}:${form.min + 3}`, 'a range of one'], [':5', 'an open start'], ['5:', 'an open end'], ['x', 'a word'], ['-1', 'negative'],
      ...(form.min > 0 ? [[String(form.min - 1), 'below min'] as [string, string]] : []),
    ];
    case 'group-mask': return family === 'ipv4'
      ? [['0', 'min'], ['32', 'max'], ['33', 'above max'], ['255.255.0.0', 'a dotted mask'], ['255.0.255.0', 'a mask with holes'], ['x', 'a word'],
        ['4294967040', 'a number that is a mask'], ['-1', 'negative'], ['1.5', "inet_aton's short form"]]
      : [['0', 'min'], ['128', 'max'], ['129', 'above max'], ['x', 'a word'], ['ffff:ffff::', 'a mask'], ['ffff::ff', 'a mask with holes'], ['1.5', 'an IPv4 form']];
    case 'value-mask': {
      const max = 2 ** form.bits - 1;
      return [['0', 'min'], [`0x${max.toString(16)}`, 'max'], [`0x${(max + 1).toString(16)}`, 'above max'], ['0x1/0x1', 'a mask'], [`0x1/0x${(max + 1).toString(16)}`, 'a mask above max'], ['0x1/', 'an empty mask'], ['1/2/3', 'two slashes'], ['x', 'a word'], ['-1', 'negative']];
    }
    default: return otherBoundaries(form);
  }
}

function enumBoundaries(form: Extract<ArgForm, { kind: 'enum' }>): Array<[string, string]> {
  const out: Array<[string, string]> = form.values.slice(0, 40).map((v) => [v, 'a name']);
  const first = form.values[0];
  if (first) {
    out.push([first.toLowerCase() === first ? first.toUpperCase() : first.toLowerCase(), 'the other case']);
    if (first.length > 3) out.push([first.slice(0, 3), 'a prefix']);
  }
  if (form.list && form.values.length > 1) out.push([`${form.values[0]},${form.values[1]}`, 'a list'], [`${form.values[0]},`, 'a trailing comma']);
  if (form.numeric) {
    const n = form.numeric;
    out.push([String(n.min), 'min'], [String(n.max), 'max'], [String(n.max + 1), 'above max'], ['0x1', 'hexadecimal']);
    if (n.slash) out.push(['0x1/0x1', 'a mask']);
  }
  out.push(['BOGUS', 'an unknown name'], ['', 'empty']);
  return out;
}

function otherBoundaries(form: ArgForm): Array<[string, string]> {
  switch (form.kind) {
    case 'enum': return enumBoundaries(form);
    case 'sctp-chunks': return [['all INIT', 'all'], ['only DATA:Be', 'flags'], ['any data', 'lower case'], ['any BOGUS', 'an unknown chunk'], ['some DATA', 'an unknown mode'], ['any I_DATA', 'a chunk since 1.8.9'], ['any DATA:BeIU,INIT,SACK,ABORT:T,SHUTDOWN_COMPLETE:T', 'flags on five chunks'], ['any', 'no chunk list']];
    case 'flag-list': return [['ALL NONE', 'ALL and NONE'], ['syn,ack syn', 'lower case'], ['SYN,BOGUS SYN', 'an unknown flag'], ['SYN', 'one argument']];
    case 'string': return [
      ['""', 'empty'], ['a', 'one character'],
      ...(form.minLength && form.minLength > 1 ? [['a'.repeat(form.minLength - 1), 'below the minimum length'] as [string, string]] : []),
      ...(form.maxLength < 100000
        ? [['a'.repeat(form.maxLength), 'the maximum length'], ['a'.repeat(form.maxLength + 1), 'over the maximum length']] as Array<[string, string]>
        : [['a'.repeat(1000), '1000 characters']] as Array<[string, string]>),
      ...(form.keeps !== undefined ? [['a'.repeat(form.keeps + 1), 'over what the kernel keeps'] as [string, string]] : []),
      ['"a b"', 'a blank'],
    ];
    case 'u64': return [['0', 'min'], ['18446744073709551615', 'max'], ['18446744073709551616', 'above max'], ['-1', 'negative'], ['x', 'a word'], ['0x10', 'hexadecimal']];
    case 'float': return [[String(form.min), 'min'], [String(form.max), 'max'], [String(form.max + 0.1), 'above max'], [String(form.min - 0.1), 'below min'], ['x', 'a word']];
    case 'hashlimit-rate': return [['1/sec', 'one a second'], ['10000/sec', 'the fastest'], ['1000001/sec', 'too fast'], ['1/day', 'one a day'], ['0/sec', 'zero'], ['3/fortnight', 'an unknown unit'], ['1kb/s', 'bytes'], ['4kb/s', 'kilobytes'], ['1mb/s', 'megabytes'], ['x', 'a word']];
    case 'hashlimit-burst': return [['0', 'zero'], ['1', 'one'], ['10000', '10000'], ['10001', '10001'], ['400kb', 'kilobytes'], ['1mb', 'a megabyte'], ['x', 'a word']];
    case 'hmark-tuple': return [['src,dst,sport,dport,proto', 'five fields'], ['ct', 'ct'], ['S,D,SP,DP,P', 'prefixes in capitals'], ['src,', 'a trailing comma'], [',src', 'an empty first item'], ['src,,dst', 'an empty item'], ['foo', 'an unknown type'], ['src,foo', 'an unknown type after a good one'], ['spi', 'spi'], ['spi,sport', 'spi with a port'], ['srcx', 'longer than a name'], ['""', 'empty']];
    case 'protocol': return [['tcp', 'a name'], ['6', 'a number'], ['0', 'zero'], ['255', 'max'], ['256', 'above max'], ['nosuchproto', 'an unknown name'], ['all', 'all']];
    case 'rate': return [['1/s', 'one a second'], ['10000/s', 'the fastest'], ['10001/s', 'too fast'], ['0/s', 'zero'], ['1/d', 'one a day'], ['1/sec', 'a unit prefix'], ['3/fortnight', 'an unknown unit'], ['x', 'a word']];
    case 'mac': return [['00:11:22:33:44:55', 'a MAC'], ['00:11', 'too short'], ['00:11:22:33:44:gg', 'not hex'], ['00-11-22-33-44-55', 'dashes']];
    case 'time-of-day': return [['00:00', 'min'], ['23:59', 'max'], ['23:59:59', 'with seconds'], ['24:00', 'above max'], ['25:00', 'hour 25'], ['x', 'a word']];
    case 'date': return [['1970-01-01', 'the epoch'], ['2038-01-19', '2038'], ['2025-13-01', 'month 13'], ['2025-01-01T08:00', 'with a time'], ['x', 'a word']];
    default: return [];
  }
}

/** How a value is written on the rule's line. */
function arg(value: string): string {
  return value === '' ? '' : ` ${value}`;
}

function protocolFor(names: readonly string[] | undefined, family: Family): string | undefined {
  if (!names?.length) return undefined;
  const p = names.includes('tcp') ? 'tcp' : names[0];
  if (p === 'icmp6' || p === 'icmpv6') return family === 'ipv6' ? 'icmpv6' : undefined;
  return p;
}

/** The rule's parts around one extension: where it goes, the protocol it needs, its required options. */
export interface Base {
  table: string;
  chain: string;
  proto?: string;
  /** The required options with a value each, by name. */
  options: Map<string, string>;
}

function placeOf(ls: LoadedSpec): { table: string; chain: string } {
  const spec = ls.spec;
  const table = spec.tables?.[0] ?? (spec.kind === 'target' && !spec.hooks ? 'filter' : 'filter');
  const chains = TABLE_CHAINS[table];
  const chain = chains.find((c) => !spec.hooks || spec.hooks.includes(c)) ?? chains[0];
  // A table that has none of the allowed hooks: the first one that does.
  if (spec.hooks && !spec.hooks.includes(chain)) {
    for (const [t, cs] of Object.entries(TABLE_CHAINS)) {
      const c = cs.find((x) => spec.hooks?.includes(x));
      if (c && (!spec.tables || spec.tables.includes(t))) return { table: t, chain: c };
    }
  }
  return { table, chain };
}

export function baseOf(ls: LoadedSpec, family: Family): Base | undefined {
  const spec = ls.spec;
  const options = new Map<string, string>();
  const groups = [...(spec.required ? [spec.required] : []), ...(spec.requiredGroups ?? [])];
  for (const group of groups) {
    if (group.some((n) => options.has(n))) continue;
    const o = group.map((n) => ls.options.get(n)).find((x) => x && goodValue(x, family) !== undefined);
    if (!o) return undefined;
    options.set(o.name, goodValue(o, family) as string);
  }
  if (spec.needsOption && options.size === 0) {
    const o = ls.list.find((x) => goodValue(x, family) !== undefined && !x.also.length && !x.protocols);
    if (!o) return undefined;
    options.set(o.name, goodValue(o, family) as string);
  }
  return { ...placeOf(ls), proto: protocolFor(spec.protocols, family), options };
}

interface Written {
  name: string;
  value?: string;
  negated?: boolean;
}

function renderRule(ls: LoadedSpec, proto: string | undefined, options: readonly Written[]): string {
  const head = ls.spec.kind === 'match' ? `-m ${ls.spec.name}` : `-j ${ls.spec.name}`;
  const opts = options.map((o) => `${o.negated ? '! ' : ''}--${o.name}${o.value === undefined ? '' : arg(o.value)}`);
  return [...(proto ? [`-p ${proto}`] : []), head, ...opts].join(' ');
}

/** The base's options with `o` in them: the alternatives of its group and what it excludes taken out, what it needs put in. */
function withOption(ls: LoadedSpec, base: Base, o: OptionSpec, family: Family): Map<string, string> {
  const options = new Map(base.options);
  const groups = [...(ls.spec.required ? [ls.spec.required] : []), ...(ls.spec.requiredGroups ?? [])];
  for (const g of groups) if (g.includes(o.name)) for (const n of g) if (n !== o.name) options.delete(n);
  for (const n of [...options.keys()]) {
    const other = ls.options.get(n);
    if (o.excl.includes(n) || other?.excl.includes(o.name)) options.delete(n);
  }
  options.delete(o.name);
  for (const a of o.also) {
    const also = ls.options.get(a);
    const v = also && goodValue(also, family);
    if (v !== undefined && !options.has(a)) options.set(a, v);
  }
  return options;
}

const written = (options: ReadonlyMap<string, string>): Written[] => [...options].map(([name, value]) => ({ name, value }));

export function casesOf(ls: LoadedSpec, family: Family): BoundaryCase[] {
  const base = baseOf(ls, family);
  const kind = ls.spec.kind === 'match' ? 'm' : 'j';
  const extension = `-${kind} ${ls.spec.name}`;
  const object = OUTSIDE[`${kind} ${ls.spec.name}`];
  if (!base) return [];
  const out: BoundaryCase[] = [];
  const add: Add = (what, rule, table = base.table, chain = base.chain, extra = {}) => {
    const why = object ?? extra.outside;
    out.push({ extension, family, table, chain, rule: ownTable(rule, out.length), what, ...(why ? { outside: why.what, made: why.made } : {}), ...(extra.value ? { value: extra.value } : {}) });
  };
  const baseRule = renderRule(ls, base.proto, written(base.options));
  add('as the base rule', baseRule);
  for (const [table, chain, what] of placements(ls)) add(what, baseRule, table, chain);
  for (const o of ls.list) optionCases(ls, base, o, family, add);
  return out;
}

/**
 * The kernel keeps a hashlimit table by its name while a rule uses it, and refuses a rule with
 * --hashlimit-rate-match on a table a rule without it made (EINVAL), and the other way round. The
 * cases load one after another in one namespace, each block replacing the one before while that
 * one's tables still exist: each case names a table of its own, so none meets the one before.
 */
function ownTable(rule: string, k: number): string {
  return rule.includes('--hashlimit-name aaa') ? rule.replace(/--hashlimit-name aaa(?= |$)/g, `--hashlimit-name aaa${k}`) : rule;
}

function placements(ls: LoadedSpec): Array<[string, string, string]> {
  const spec = ls.spec;
  const out: Array<[string, string, string]> = [];
  for (const [table, chains] of Object.entries(TABLE_CHAINS)) {
    for (const chain of chains) {
      const allowed = (!spec.tables || spec.tables.includes(table)) && (!spec.hooks || spec.hooks.includes(chain));
      out.push([table, chain, `in ${table} ${chain}${allowed ? '' : ' (not allowed)'}`]);
    }
  }
  return out;
}

type Add = (what: string, rule: string, table?: string, chain?: string, extra?: { outside?: { what: string; made?: ObjectKind }; value?: BoundaryCase['value'] }) => void;

function optionCases(ls: LoadedSpec, base: Base, o: OptionSpec, family: Family, addCase: Add): void {
  const options = withOption(ls, base, o, family);
  const key = `${ls.spec.kind === 'match' ? 'm' : 'j'} ${ls.spec.name}`;
  const outside = OUTSIDE[`${key} --${o.name}`];
  const add: Add = (what, rule, table, chain, extra) => addCase(what, rule, table, chain, { ...extra, outside });
  const own = NAME_PER_OPTION[key];
  const rest = written(options).map((w) => (w.name === own && o.name !== own ? { ...w, value: `${w.value}${o.name.replace(/-/g, '')}` } : w));
  const proto = o.protocols ? protocolFor(o.protocols, family) ?? base.proto : base.proto;
  const rule = (...mine: Written[]): string => renderRule(ls, proto, [...rest, ...mine]);
  const good = goodValue(o, family);
  const flag = o.form.kind === 'flag';
  for (const [v, label] of flag ? [] : boundaryValues(o.form, family)) {
    const max = 'max' in o.form && typeof o.form.max === 'number' ? { max: o.form.max } : {};
    add(`--${o.name}: ${label}`, rule({ name: o.name, value: v }), undefined, undefined, { value: { option: o.name, written: v, form: o.form.kind, ...max } });
  }
  if (good === undefined) return;
  const mine: Written = { name: o.name, value: good };
  add(`--${o.name}`, rule(mine));
  for (const alias of o.aliases) add(`--${alias} (a spelling of --${o.name})`, rule({ name: alias, value: good }));
  add(`! --${o.name}${o.invert ? '' : ' (no negation)'}`, rule({ ...mine, negated: true }));
  add(`--${o.name} twice`, rule(mine, mine));
  if (o.object) objectCases(o, good, family, (what, value) => add(what, rule({ name: o.name, value })));
  add(flag ? `--${o.name} with an argument` : `--${o.name} without its argument`, flag ? rule({ name: o.name, value: 'x' }) : rule({ name: o.name }));
  for (const a of o.also) {
    const without = rest.filter((w) => w.name !== a);
    add(`--${o.name} without --${a}`, renderRule(ls, proto, [...without, mine]));
  }
  for (const e of o.excl) {
    const other = ls.options.get(e);
    const v = other && goodValue(other, family);
    if (v !== undefined) add(`--${o.name} with --${e}`, rule(mine, { name: e, value: v }));
  }
  if (o.protocols && proto) add(`--${o.name} without -p ${proto}`, renderRule(ls, base.proto === proto ? undefined : base.proto, [...rest, mine]));
  if (o.hooks) {
    for (const [table, chains] of Object.entries(TABLE_CHAINS)) {
      for (const chain of chains) if (!ls.spec.tables || ls.spec.tables.includes(table)) add(`--${o.name} in ${table} ${chain}${o.hooks.includes(chain) ? '' : ' (not allowed)'}`, rule(mine), table, chain);
    }
  }
}

/** A name the host lacks, for an option that names a host object, and for a set, one of the other family. */
function objectCases(o: OptionSpec, good: string, family: Family, add: (what: string, value: string) => void): void {
  const [, ...rest] = good.split(' ');
  const named = (name: string): string => [name, ...rest].join(' ');
  add(`--${o.name}: a name the host lacks`, named(LACKING));
  if (o.object === 'ipset') add(`--${o.name}: a set of the other family`, named(setName(family === 'ipv4' ? 'ipv6' : 'ipv4')));
}

/** Every case, for each family's binary: ipv4 extensions in iptables, ipv6 ones in ip6tables, the rest in both. */
export function boundaryCases(families: readonly Family[] = ['ipv4', 'ipv6']): BoundaryCase[] {
  const out: BoundaryCase[] = [];
  for (const family of families) {
    for (const ls of [...allMatches(family), ...allTargets(family)]) out.push(...casesOf(ls, family));
  }
  return out;
}

/** Extensions the generator can make no base rule for (a required option of free form with no known value). */
export function extensionsWithoutBase(family: Family): string[] {
  return [...allMatches(family), ...allTargets(family)].filter((ls) => !baseOf(ls, family)).map((ls) => `${ls.spec.kind === 'match' ? '-m' : '-j'} ${ls.spec.name}`);
}

export function caseText(c: BoundaryCase): string {
  return `*${c.table}\n-A ${c.chain} ${c.rule}\nCOMMIT\n`;
}
