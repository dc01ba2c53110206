// The checks an extension runs on its options once iptables has read every argument of the rule
// (its "final check"): options it requires, options that exclude or need each other, the protocol
// it needs, and the rules of a few extensions of their own. Facts of iptables, one home.
import type { ExtensionSpec, OptionSpec } from './types';
import { DEFAULT_VERSION, holdsIn, type IptablesVersion, type Releases } from './releases';
import { NAT_PORTS_NEED_PROTOCOL, natPortOk, parseUint, readHashlimitBurst, readHashlimitRate, readHmarkTuple } from './forms';
import { PROTOCOL_ALIASES, resolveOptionProtocol, resolveProtocol } from './protocols';
import { TCP_OPTION_NUMBERS } from './targets';

/** A stretch of the rule's line: offsets in the line. */
export interface Span {
  start: number;
  end: number;
}

/** An option as written, as far as a final check reads it. */
export interface WrittenOption {
  name: string;
  flag: Span;
  negation: Span | undefined;
  args: ReadonlyArray<Span & { value: string }>;
  /** What the knowledge base says of it, where it knows it. */
  spec?: OptionSpec;
}

/** An extension as written in a rule: its options in order, and the word that names it. */
export interface WrittenExtension {
  options: readonly WrittenOption[];
  /** Where a problem of the extension as a whole is shown: its name (`-m NAME`, `-j NAME`). */
  anchor: Span;
}

/** What a final check refuses, with iptables's own message. */
export interface FinalProblem extends Span {
  code: 'invalid-option-use' | 'invalid-value' | 'missing-protocol';
  message: string;
  /** For a missing protocol: the protocol to add. */
  option?: string;
}

/**
 * What iptables refuses in one extension of a rule once the rule is read, or undefined. `name` is
 * the extension's name as written, `proto` the match `-p` names (undefined without `-p`).
 */
export function extensionFinalCheck(spec: ExtensionSpec, name: string, ext: WrittenExtension, proto: string | undefined, release: IptablesVersion = DEFAULT_VERSION): FinalProblem | undefined {
  const anchor = ext.anchor;
  if (spec.needsOption && ext.options.length === 0) {
    return { code: 'invalid-option-use', message: `${name}: At least one option is required`, start: anchor.start, end: anchor.end };
  }
  // iptables runs the extension's own final check before the checks of its option table.
  const own = OWN_CHECKS[name]?.(ext, proto, release);
  if (own) return own;
  if (spec.required) {
    const m = missingOf(ext, spec.required, name);
    if (m) return m;
  }
  for (const group of spec.requiredGroups ?? NO_GROUPS) {
    const m = missingOf(ext, group, name);
    if (m) return m;
  }
  const pair = pairProblem(spec, ext, name);
  if (pair) return pair;
  if (spec.protocolMessage && spec.protocols && !spec.protocols.includes(proto ?? '')) {
    return { code: 'missing-protocol', message: spec.protocolMessage, start: anchor.start, end: anchor.end, option: spec.protocols[0] };
  }
  return undefined;
}

const NO_GROUPS: ReadonlyArray<readonly string[]> = [];

/**
 * An option given without one it needs, or with one it excludes. libxtables walks the option table
 * in its order, and for each option given, the others in the order of their ids (the spec's idOrder
 * where it differs): the first pair it meets names the message, whatever order the rule wrote them in.
 */
function pairProblem(spec: ExtensionSpec, ext: WrittenExtension, name: string): FinalProblem | undefined {
  const others = pairOrder(spec);
  if (!others) return undefined;
  for (const os of spec.options) {
    if (os.also.length === 0 && os.excl.length === 0) continue;
    const o = ext.options.find((w) => w.spec === os);
    if (!o) continue;
    for (const other of others) {
      if (other === os) continue;
      if (os.also.includes(other.name) && !has(ext, other.name)) {
        return { code: 'invalid-option-use', message: `${name}: option "--${os.printed ?? os.name}" also requires "--${other.printed ?? other.name}".`, start: o.flag.start, end: o.flag.end };
      }
      if (os.excl.includes(other.name) && has(ext, other.name)) {
        return { code: 'invalid-option-use', message: `${name}: option "--${os.printed ?? os.name}" cannot be used together with "--${other.printed ?? other.name}".`, start: o.flag.start, end: o.flag.end };
      }
    }
  }
  return undefined;
}

const PAIR_ORDER = new WeakMap<ExtensionSpec, readonly OptionSpec[] | null>();

/** The options in the order libxtables walks the others of a pair, or null for an extension with no pairs. */
function pairOrder(spec: ExtensionSpec): readonly OptionSpec[] | null {
  let order = PAIR_ORDER.get(spec);
  if (order === undefined) {
    const paired = spec.options.some((os) => os.also.length > 0 || os.excl.length > 0);
    order = !paired ? null : spec.idOrder ? spec.idOrder.flatMap((n) => spec.options.filter((os) => os.name === n)) : spec.options;
    PAIR_ORDER.set(spec, order);
  }
  return order;
}

function has(ext: WrittenExtension, name: string): WrittenOption | undefined {
  for (const o of ext.options) if (o.name === name) return o;
  return undefined;
}

/** "option --x must be specified" when the extension has none of `group`. */
function missingOf(ext: WrittenExtension, group: readonly string[], name: string): FinalProblem | undefined {
  for (const g of group) if (has(ext, g)) return undefined;
  const which = group.length === 1 ? `option "--${group[0]}" must be specified` : `one of ${group.map((g) => `"--${g}"`).join(', ')} must be specified`;
  return { code: 'invalid-option-use', message: `${name}: ${which}`, start: ext.anchor.start, end: ext.anchor.end };
}

// 1.8.11's multiport words its final check otherwise: upstream 73639a4f "Fix spelling mistakes"
// changed "multiport expection an option" to "no ports specified".
const MULTIPORT_NO_PORTS: Releases = { since: '1.8.11' };

/**
 * The last queue of `--queue-balance FIRST:` with no end: the type's 65535 up to 1.8.10; since
 * 1.8.11 libxtables completes a range with the table's maximum, 65534 (a392cf0e "libxtables:
 * xtoptions: Respect min/max values when completing ranges").
 */
function queueBalanceEnd(release: IptablesVersion): number {
  return holdsIn({ since: '1.8.11' }, release) ? 65534 : 65535;
}

/**
 * The queues `--queue-balance FIRST:LAST` names in this release (an open start is 0), 'no range'
 * without a colon, undefined where a side is no number (the value check speaks then).
 */
export function queueBalanceRange(value: string, release: IptablesVersion): { first: number; last: number } | 'no range' | undefined {
  const colon = value.indexOf(':');
  if (colon < 0) return 'no range';
  const first = colon === 0 ? 0 : parseUint(value.slice(0, colon));
  const last = colon === value.length - 1 ? queueBalanceEnd(release) : parseUint(value.slice(colon + 1));
  return first === undefined || last === undefined ? undefined : { first, last };
}

type OwnCheck = (ext: WrittenExtension, proto: string | undefined, release: IptablesVersion) => FinalProblem | undefined;

const natPortsNeedProtocol: OwnCheck = (ext, proto) => {
  const o = has(ext, 'to-ports') ?? has(ext, 'to-source') ?? has(ext, 'to-destination');
  if (!o || !o.args[0]) return undefined;
  const v = o.args[0].value;
  const hasPorts = o.name === 'to-ports' || (v.startsWith('[') ? /\]:/.test(v) : v.includes(':') && !v.includes('::') && v.split(':').length === 2);
  if (hasPorts && !natPortOk(proto)) {
    return { code: 'missing-protocol', message: NAT_PORTS_NEED_PROTOCOL, start: o.flag.start, end: o.args[0].end, option: 'tcp' };
  }
  return undefined;
};

/** The extensions' own final checks, beyond what their specs say. */
const OWN_CHECKS: Readonly<Record<string, OwnCheck>> = {
  DNAT: natPortsNeedProtocol,
  SNAT: natPortsNeedProtocol,
  MASQUERADE: natPortsNeedProtocol,
  REDIRECT(ext, proto, release) {
    // REDIRECT has only the revision whose range cannot hold a base port (DNAT_fcheck/DNAT_fcheck6).
    const ports = has(ext, 'to-ports')?.args[0];
    if (ports && ports.value.includes('/') && natPortOk(proto)) {
      return { code: 'invalid-value', message: 'Shifted portmap ranges not supported with this kernel', start: ports.start, end: ports.end };
    }
    return natPortsNeedProtocol(ext, proto, release);
  },
  policy: policyCheck,
  multiport(ext, _proto, release) {
    // Its final check speaks before the kb's "one of ... must be specified" (the table marks none
    // mandatory), in its own words ("expection", sic) up to 1.8.10 and as "no ports specified" since 1.8.11.
    if (ext.options.length > 0) return undefined;
    const message = holdsIn(MULTIPORT_NO_PORTS, release) ? 'no ports specified' : 'multiport expection an option';
    return { code: 'invalid-option-use', message, start: ext.anchor.start, end: ext.anchor.end };
  },
  conntrack(ext) {
    // libxt_conntrack.c (1.8.9, revision 3) tests its own inversion flags with ipt_entry's XT_INV_PROTO
    // (0x40), which there is the bit of --ctstatus: `--ctproto 0` after `! --ctstatus` is refused.
    let statusInverted = false;
    for (const o of ext.options) {
      if (o.name === 'ctstatus' && o.negation) statusInverted = true;
      if (o.name === 'ctproto' && statusInverted && o.args[0] && resolveOptionProtocol(o.args[0].value) === 0) {
        return { code: 'invalid-option-use', message: 'conntrack: rule would never match protocol', start: o.flag.start, end: o.args[0].end };
      }
    }
    return undefined;
  },
  statistic(ext) {
    const mode = has(ext, 'mode')?.args[0]?.value;
    const at = (has(ext, 'mode') ?? ext.options[0])?.flag ?? ext.anchor;
    const span = { start: at.start, end: at.end };
    if (mode === 'nth' && !(has(ext, 'every') && has(ext, 'packet'))) return { code: 'invalid-option-use', message: '--every and --packet must be specified when using nth mode', ...span };
    const every = has(ext, 'every')?.args[0]?.value;
    const packet = has(ext, 'packet');
    if (mode === 'nth' && every !== undefined && packet?.args[0] && Number(packet.args[0].value) >= Number(every)) {
      return { code: 'invalid-value', message: 'the --packet p must be 0 <= p <= n-1', start: packet.args[0].start, end: packet.args[0].end };
    }
    if (mode === 'random' && !has(ext, 'probability')) return { code: 'invalid-option-use', message: '--probability must be specified when using random mode', ...span };
    return undefined;
  },
  time(ext) {
    const c = has(ext, 'contiguous');
    const start = has(ext, 'timestart')?.args[0]?.value;
    const stop = has(ext, 'timestop')?.args[0]?.value;
    const secs = (t: string | undefined): number => (t ?? '').split(':').reduce((a, p, i) => a + Number(p) * [3600, 60, 1][i], 0);
    if (c && !(start && stop && secs(stop) < secs(start))) {
      return { code: 'invalid-option-use', message: 'time: --contiguous only makes sense when stoptime is smaller than starttime', start: c.flag.start, end: c.flag.end };
    }
    return undefined;
  },
  connlabel(ext) {
    const o = has(ext, 'label');
    const v = o?.args[0]?.value;
    if (o && v !== undefined && /^\d+$/.test(v) && Number(v) > 127) {
      return { code: 'invalid-value', message: `connlabel: label bit ${v} is out of range (0-127)`, start: o.args[0].start, end: o.args[0].end };
    }
    return undefined;
  },
  cluster: clusterCheck,
  recent(ext) {
    if (!has(ext, 'set') && !has(ext, 'rcheck') && !has(ext, 'update') && !has(ext, 'remove')) {
      return { code: 'invalid-option-use', message: "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'", start: ext.anchor.start, end: ext.anchor.end };
    }
    // The kernel refuses --seconds and --hitcount unless the rule checks or updates the list.
    // `--hitcount 0` is the same as none (1.8.9 here loads it).
    const hits = has(ext, 'hitcount');
    const timing = has(ext, 'seconds') ?? (hits && hits.args[0]?.value !== '0' ? hits : undefined);
    if (timing && !has(ext, 'rcheck') && !has(ext, 'update')) {
      return { code: 'invalid-option-use', message: `recent: --${timing.name} only works with --rcheck or --update (the kernel refuses the rule)`, start: timing.flag.start, end: timing.flag.end };
    }
    return undefined;
  },
  HMARK: hmark,
  CONNMARK(ext) {
    // Its final check runs before the table's: no operation is refused in its own words.
    const ops = ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'];
    if (ext.options.some((o) => ops.includes(o.name))) return undefined;
    return { code: 'invalid-option-use', message: 'CONNMARK target: No operation specified', start: ext.anchor.start, end: ext.anchor.end };
  },
  TCPMSS(ext) {
    if (ext.options.length > 0) return undefined;
    return { code: 'invalid-option-use', message: 'TCPMSS target: At least one parameter is required', start: ext.anchor.start, end: ext.anchor.end };
  },
  RATEEST: rateest,
  hashlimit,
  set(ext) {
    if (has(ext, 'match-set')) return undefined;
    return { code: 'invalid-option-use', message: "You must specify `--match-set' with proper arguments", start: ext.anchor.start, end: ext.anchor.end };
  },
  SET: setTarget,
  NFQUEUE(ext, _proto, release) {
    // --queue-balance takes two queues, the first below the last (its range form reads the numbers;
    // an open end is 65535, since 1.8.11 the table's 65534).
    const o = has(ext, 'queue-balance');
    const arg = o?.args[0];
    if (!o || !arg) return undefined;
    const span = { start: arg.start, end: arg.end };
    const range = queueBalanceRange(arg.value, release);
    if (range === 'no range') return { code: 'invalid-value', message: `Bad range "${arg.value}"`, ...span };
    if (range && range.first >= range.last) return { code: 'invalid-value', message: `${range.first} should be less than ${range.last}`, ...span };
    return undefined;
  },
  ipv6header(ext) {
    const arg = has(ext, 'header')?.args[0];
    const message = arg === undefined ? undefined : ipv6HeaderProblem(arg.value);
    return arg && message ? { code: 'invalid-value', message, start: arg.start, end: arg.end } : undefined;
  },
};

const POLICY_ELEMENT = ['reqid', 'spi', 'tunnel-src', 'tunnel-dst', 'proto', 'mode'];
// ah, esp and ipcomp: the protocols an IPsec policy element can name.
const POLICY_PROTOCOLS = [51, 50, 108];

/**
 * libxt_policy.c (1.8.9). While parsing: each element option once per element (elements part at
 * --next, at most 4), a protocol of ah, esp or ipcomp. Then its final check: --dir given; with
 * `--pol none`, no --strict and no --next; with --strict, no empty element; tunnel addresses only
 * where the element's mode is tunnel.
 */
function policyCheck(ext: WrittenExtension): FinalProblem | undefined {
  const elements: WrittenOption[][] = [[]];
  for (const o of ext.options) {
    const span = { start: o.flag.start, end: (o.args[0] ?? o.flag).end };
    const element = elements[elements.length - 1];
    if (o.name === 'next') {
      elements.push([]);
      if (elements.length === 5) return { code: 'invalid-option-use', message: 'policy match: maximum policy depth reached', ...span };
      continue;
    }
    if (!POLICY_ELEMENT.includes(o.name)) continue;
    if (element.some((e) => e.name === o.name)) return { code: 'invalid-option-use', message: `policy match: double --${o.name} option`, ...span };
    element.push(o);
    const proto = o.name === 'proto' && o.args[0] ? resolveOptionProtocol(o.args[0].value) : undefined;
    if (proto !== undefined && !POLICY_PROTOCOLS.includes(proto)) return { code: 'invalid-value', message: 'policy match: protocol must be ah/esp/ipcomp', ...span };
  }
  const at = { start: ext.anchor.start, end: ext.anchor.end };
  if (!has(ext, 'dir')) return { code: 'invalid-option-use', message: 'policy match: neither --dir in nor --dir out specified', ...at };
  if (has(ext, 'pol')?.args[0]?.value === 'none') {
    if (has(ext, 'strict')) return { code: 'invalid-option-use', message: 'policy match: policy none but --strict given', ...at };
    return elements.length > 1 ? { code: 'invalid-option-use', message: 'policy match: policy none but policy given', ...at } : undefined;
  }
  return policyElements(elements, !!has(ext, 'strict'), at);
}

function policyElements(elements: readonly WrittenOption[][], strict: boolean, at: Span): FinalProblem | undefined {
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    if (strict && e.length === 0) {
      return { code: 'invalid-option-use', message: `policy match: empty policy element ${i}. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.`, ...at };
    }
    const tunnel = e.find((o) => o.name === 'tunnel-src' || o.name === 'tunnel-dst');
    const mode = e.find((o) => o.name === 'mode');
    // No --mode is transport mode; `! --mode transport` is the one way to tunnel besides `--mode tunnel`.
    const tunnelMode = mode ? (mode.args[0]?.value === 'tunnel') !== !!mode.negation : false;
    if (tunnel && !tunnelMode) {
      return { code: 'invalid-option-use', message: 'policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode', start: tunnel.flag.start, end: tunnel.flag.end };
    }
  }
  return undefined;
}

// ipv6header --header (libip6t_ipv6header.c, 1.8.9): each comma item is looked up with
// getprotobyname (Debian's /etc/protocols, names and aliases as written), then in the extension's
// own names; its number must be one of the eight headers the match knows.
const IPV6_HEADERS: ReadonlySet<number> = new Set([0, 43, 44, 50, 51, 59, 60, 255]);
const IPV6_HEADER_NAMES: Readonly<Record<string, number>> = {
  'hop-by-hop': 0, protocol: 255, hop: 0, dst: 60, route: 43, frag: 44, auth: 51, esp: 50, none: 59, prot: 255,
  0: 0, 60: 60, 43: 43, 44: 44, 51: 51, 50: 50, 59: 59, 255: 255,
};
// iptables's own -p names, which getprotobyname does not know.
const NOT_IN_ETC_PROTOCOLS: ReadonlySet<string> = new Set(['all', 'icmpv6', 'mh', 'ipv6-mh']);

/** The number getprotobyname gives a word: /etc/protocols's names (lower case there) and aliases, as written. */
function etcProtocol(w: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(PROTOCOL_ALIASES, w)) return PROTOCOL_ALIASES[w];
  return /^[a-z]/.test(w) && w === w.toLowerCase() && !NOT_IN_ETC_PROTOCOLS.has(w) ? resolveProtocol(w) : undefined;
}

/** What iptables says of an ipv6header --header list, or undefined when it reads it. */
function ipv6HeaderProblem(list: string): string | undefined {
  // strtok: empty items are skipped, and a list of none is refused.
  const items = list.split(',').filter((w) => w !== '');
  if (items.length === 0) return 'ip6t_ipv6header: cannot parse header names';
  for (const w of items) {
    const known = etcProtocol(w);
    const own = Object.prototype.hasOwnProperty.call(IPV6_HEADER_NAMES, w) ? IPV6_HEADER_NAMES[w] : undefined;
    const n = known ?? own;
    // A name it cannot look up is named as written; a protocol that is no header, by its number.
    if (n === undefined) return `unknown header \`${w}' specified`;
    if (!IPV6_HEADERS.has(n)) return `unknown header \`${n}' specified`;
  }
  return undefined;
}

/**
 * libxt_cluster.c's final check (1.8.9): with the total, the seed and a node (or a mask), the node's
 * bit (or the mask) must fit the total's bits; with neither a node nor a mask, it says so first.
 */
function clusterCheck(ext: WrittenExtension): FinalProblem | undefined {
  const total = parseUint(has(ext, 'cluster-total-nodes')?.args[0]?.value ?? '');
  const node = has(ext, 'cluster-local-node');
  const mask = has(ext, 'cluster-local-nodemask');
  if (!node && !mask) {
    return { code: 'invalid-option-use', message: "cluster match: `--cluster-local-node' or`--cluster-local-nodemask' is missing", start: ext.anchor.start, end: ext.anchor.end };
  }
  const given = node ?? mask;
  const value = parseUint(given?.args[0]?.value ?? '');
  if (!given || total === undefined || value === undefined || !has(ext, 'cluster-hash-seed')) return undefined;
  const bits = node ? 2 ** (value - 1) : value;
  if (bits < 2 ** total) return undefined;
  const message = node ? "cluster match: `--cluster-local-node' must be <= `--cluster-total-nodes'" : "cluster match: `--cluster-local-nodemask' too big for `--cluster-total-nodes'";
  return { code: 'invalid-value', message, start: given.flag.start, end: (given.args[0] ?? given.flag).end };
}

function hashlimit(ext: WrittenExtension): FinalProblem | undefined {
  const rateOption = has(ext, 'hashlimit-upto') ?? has(ext, 'hashlimit') ?? has(ext, 'hashlimit-above');
  if (!rateOption) return { code: 'invalid-option-use', message: 'You have to specify --hashlimit', start: ext.anchor.start, end: ext.anchor.end };
  const burstOption = has(ext, 'hashlimit-burst');
  const rate = readHashlimitRate(rateOption.args[0]?.value ?? '');
  const burst = readHashlimitBurst(burstOption?.args[0]?.value ?? '');
  if (!burstOption?.args[0] || typeof rate !== 'object' || !burst) return undefined;
  const span = { start: burstOption.args[0].start, end: burstOption.args[0].end };
  if (rate.bytes) {
    // A byte burst must hold at least one interval of the rate, as the kernel counts it.
    const least = hashlimitCostBytes(rate.perSecond);
    if (burst.value < least) return { code: 'invalid-value', message: `burst cannot be smaller than ${least}b`, ...span };
  } else if (burst.value > 1000000) {
    return { code: 'invalid-value', message: 'bad value for option "--hashlimit-burst", or out of range (1-1000000).', ...span };
  }
  return undefined;
}

/** The bytes one token of a byte rate stands for, as hashlimit's parser works it out (cost_to_bytes of bytes_to_cost). */
export function hashlimitCostBytes(bytesPerSecond: number): number {
  const UINT32_MAX = 4294967295;
  const r = Math.floor(bytesPerSecond / 16) % 4294967296;
  const cost = Math.floor(UINT32_MAX / (r + 1));
  return ((cost ? Math.floor(UINT32_MAX / cost) : UINT32_MAX) - 1) * 16;
}

/** The option each field of a --hmark-tuple stands for: naming the field sets that option's flag. */
const HMARK_TUPLE_OPTION: Readonly<Record<string, string>> = {
  ct: 'ct', src: 'hmark-src-prefix', dst: 'hmark-dst-prefix', sport: 'hmark-sport-mask', dport: 'hmark-dport-mask', proto: 'hmark-proto-mask', spi: 'hmark-spi-mask',
};

/** The options of what HMARK hashes: with none of them (nor ct), it has nothing to hash. */
const HMARK_PACKET = ['hmark-src-prefix', 'hmark-dst-prefix', 'hmark-spi-mask', 'hmark-sport-mask', 'hmark-dport-mask', 'hmark-proto-mask', 'hmark-sport', 'hmark-dport', 'hmark-spi', 'ct'];

/**
 * HMARK's own final check, after its parser: --hmark-tuple sets the flags of the options its fields
 * stand for, so one of those given after it is given twice; then its final check, in its words.
 */
function hmark(ext: WrittenExtension): FinalProblem | undefined {
  const flags = new Set<string>();
  for (const o of ext.options) {
    if (o.name !== 'hmark-tuple') {
      if (flags.has(o.name)) return { code: 'invalid-option-use', message: `HMARK: option "--${o.name}" can only be used once.`, start: o.flag.start, end: o.flag.end };
      flags.add(o.name);
      continue;
    }
    const tuple = readHmarkTuple(o.args[0]?.value ?? '');
    if ('fields' in tuple) for (const f of tuple.fields) flags.add(HMARK_TUPLE_OPTION[f]);
  }
  const problem = (message: string): FinalProblem => ({ code: 'invalid-option-use', message, start: ext.anchor.start, end: ext.anchor.end });
  if (!flags.has('hmark-mod')) return problem('--hmark-mod is mandatory');
  if (!flags.has('hmark-rnd')) return problem('--hmark-rnd is mandatory');
  if (flags.has('hmark-spi-mask') && (flags.has('hmark-sport-mask') || flags.has('hmark-dport-mask'))) {
    return problem('you cannot use --hmark-spi-mask and --hmark-?port-mask,at the same time');
  }
  if (!HMARK_PACKET.some((n) => flags.has(n))) return problem('you have to specify --hmark-tuple at least');
  return undefined;
}

/** The length of the decimal number strtod reads at the start of `text` (blanks, sign, digits, point, exponent); undefined for none. */
function decimalPrefix(text: string): number | undefined {
  const digitsFrom = (k: number): number => {
    while (k < text.length && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    return k;
  };
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] === '+' || text[i] === '-') i++;
  const whole = digitsFrom(i);
  let end = whole;
  if (text[end] === '.') end = digitsFrom(end + 1);
  // Digits before or after the point: a lone point is no number.
  if (whole === i && end <= whole + 1) return undefined;
  if (text[end] === 'e' || text[end] === 'E') {
    const sign = text[end + 1] === '+' || text[end + 1] === '-' ? end + 2 : end + 1;
    const exp = digitsFrom(sign);
    if (exp > sign) end = exp;
  }
  return end;
}

/** RATEEST's time: a number, then s, sec, secs, ms, msec, msecs, us, usec or usecs (any case); microseconds. */
export function readRateestTime(text: string): number | undefined {
  const n = decimalPrefix(text);
  if (n === undefined) return undefined;
  const t = Number(text.slice(0, n).trim());
  const unit = text.slice(n).toLowerCase();
  if (unit === '') return t;
  if (unit === 's' || unit === 'sec' || unit === 'secs') return t * 1000000;
  if (unit === 'ms' || unit === 'msec' || unit === 'msecs') return t * 1000;
  if (unit === 'us' || unit === 'usec' || unit === 'usecs') return t;
  return undefined;
}

/** SET's own final check (revision 3): which set options it needs, and what the flags need. */
function setTarget(ext: WrittenExtension): FinalProblem | undefined {
  const at = (o: WrittenOption | undefined): Span => (o ? { start: o.flag.start, end: o.flag.end } : { start: ext.anchor.start, end: ext.anchor.end });
  const refuse = (message: string, o?: WrittenOption): FinalProblem => ({ code: 'invalid-option-use', message, ...at(o) });
  const map = has(ext, 'map-set');
  if (!has(ext, 'add-set') && !has(ext, 'del-set') && !map) return refuse("You must specify either `--add-set' or `--del-set' or `--map-set'");
  if (!has(ext, 'add-set')) {
    const exist = has(ext, 'exist');
    if (exist) return refuse("Flag `--exist' can be used with `--add-set' only", exist);
    const timeout = has(ext, 'timeout');
    if (timeout) return refuse("Option `--timeout' can be used with `--add-set' only", timeout);
  }
  const mapFlags = ['map-mark', 'map-prio', 'map-queue'];
  if (!map) {
    for (const f of mapFlags) {
      const o = has(ext, f);
      if (o) return refuse(`Flag \`--${f}' can be used with \`--map-set' only`, o);
    }
    return undefined;
  }
  // iptables's words as it prints them, quotes and all.
  if (!mapFlags.some((f) => has(ext, f))) return refuse("You must specify flags `--map-mark' or '--map-prio` or `--map-queue'", map);
  return undefined;
}

/**
 * RATEEST reads its interval and ewmalog as times, then works out the kernel's estimator from them in
 * its final check, which runs before the option table's (so a missing one reads as 0 and fails here).
 */
function rateest(ext: WrittenExtension): FinalProblem | undefined {
  const times: Record<string, number> = { 'rateest-interval': 0, 'rateest-ewmalog': 0 };
  for (const o of ext.options) {
    const arg = o.args[0];
    if (!(o.name in times) || !arg) continue;
    const t = readRateestTime(arg.value);
    if (t === undefined) return { code: 'invalid-value', message: `RATEEST: bad ${o.name.slice(8)} value "${arg.value}"`, start: arg.start, end: arg.end };
    // C stores the double in an unsigned int.
    times[o.name] = Math.trunc(t) >>> 0;
  }
  const interval = times['rateest-interval'];
  const ewma = times['rateest-ewmalog'];
  const at = { start: ext.anchor.start, end: ext.anchor.end };
  // The interval is 2^(i-2) seconds for i up to 5: 8 s at most.
  if (interval > 8000000) return { code: 'invalid-value', message: 'RATEEST: interval value is too large', ...at };
  let log = 1;
  for (; log < 32; log++) if (interval / -Math.log(1 - 1 / 2 ** log) > ewma) break;
  log--;
  if (log === 0 || log >= 31) return { code: 'invalid-value', message: 'RATEEST: ewmalog value is out of range', ...at };
  return undefined;
}

/** What an extension's parser refuses as it reads an option. */
export interface ParseProblem {
  code: 'invalid-option-use' | 'invalid-value';
  message: string;
}
const misuse = (message: string): ParseProblem => ({ code: 'invalid-option-use', message });

/**
 * Checks an extension's parser makes as it reads one option, knowing the options read before it:
 * iptables's message, or undefined. They run once the option's value has passed.
 */
export const PARSE_CHECKS: Readonly<Record<string, (o: WrittenOption, before: readonly WrittenOption[]) => ParseProblem | undefined>> = {
  rt(o, before) {
    if (o.name === 'rt-0-res' || o.name === 'rt-0-addrs') {
      // The type-0 options need `--rt-type 0`, not negated, before them.
      const type = before.find((b) => b.name === 'rt-type');
      const zero = type && !type.negation && type.args[0] !== undefined && Number(type.args[0].value) === 0;
      return zero ? undefined : misuse(`\`--rt-type 0' required before \`--${o.name}'`);
    }
    if (o.name === 'rt-0-not-strict' && !before.some((b) => b.name === 'rt-0-addrs')) return misuse("`--rt-0-addr ...' required before `--rt-0-not-strict'");
    return undefined;
  },
  TCPOPTSTRIP(o) {
    const seen = new Set<number>();
    for (const item of (o.args[0]?.value ?? '').split(',')) {
      const n = TCP_OPTION_NUMBERS.get(item) ?? parseUint(item);
      if (n === undefined) return undefined;
      if (n < 2) return { code: 'invalid-value', message: 'Option value may not be 0 or 1' };
      if (seen.has(n)) return { code: 'invalid-value', message: `Option "${item}" already specified` };
      seen.add(n);
    }
    return undefined;
  },
  owner(o, before) {
    // 1.8.9 reads --suppl-groups as a change to the --gid-owner before it.
    if (o.name !== 'suppl-groups' || before.some((b) => b.name === 'gid-owner')) return undefined;
    return misuse('owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"');
  },
};
