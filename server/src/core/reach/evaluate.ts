import { addressNetwork, compareAddresses, holdsMulticast, isAnyNetwork, isLoopbackNetwork, isMulticastNetwork, isNeverUnicastNetwork, networkWithin, numericAddress, plainIPv4, rangeEnds, type Network } from '../net/address';
import type { MatchUse, OptionUse, ParsedRule, RuleLine } from '../syntax/model';
import { digitsValue, numericListMisses, parsePortList, parsePortRange, portInItems, type PortItem } from '../net/ports';
import type { ChainModel, TableModel } from '../syntax/ruleset';
import { DESTINATION_PORT_OPTIONS, PORT_OPTION_NAMES, SINGLE_PORT_OPTIONS } from '../kb/port-options';
import { PROTOCOL_MATCH_NAMES } from '../kb/protocols';
import { parseMark } from './marks';

/** Three-valued truth: a match the evaluator cannot decide is `maybe`, never a wrong `no`. */
export type Tri = 'yes' | 'no' | 'maybe';

/** TCP flag bits as the tcp match names them. */
export const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128, ALL: 255, NONE: 0 };

/**
 * One TCP packet of a connection between this host and a peer, as a filter chain sees it. In INPUT
 * the peer is the source and the service port the destination port; in OUTPUT the other way round.
 * An address not known is a unicast one, as on every TCP connection: never a multicast group, a
 * broadcast or an unspecified address (a known one, such as neighbour discovery's group, may be).
 */
export interface Packet {
  hook: 'INPUT' | 'OUTPUT';
  /** The IP version, when known (what addrtype answers for this host's own address differs). */
  family?: 4 | 6;
  /** The service's port on this host. */
  localPort: number;
  /** The peer's port; undefined: an ephemeral port (32768-60999) the peer picks. */
  remotePort?: number;
  /** The peer's address; `unnamed`: an address the file does not name; undefined: not known at all. */
  peer?: Network | 'unnamed';
  /** This host's address; undefined: one of its non-loopback addresses, not known. */
  self?: Network;
  /** The interface the packet arrives on (INPUT) or leaves by (OUTPUT); undefined: some non-loopback one. */
  iface?: string;
  /** Connection-tracking state; `unsure` when the raw table may exempt the packet from tracking. */
  state: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'UNTRACKED' | 'INVALID' | 'unsure';
  /** A TCP segment, or an ICMP message: the error a REJECT sends back, or IPv6 neighbour discovery. */
  protocol?: 'tcp' | 'icmp';
  /** For ICMP: the type, when known (135 neighbour solicitation, 136 advertisement). */
  icmpType?: number;
  /** TCP flags set in the packet (TCP_FLAG_BITS). */
  flags: number;
  /** The packet's mark (nfmark); undefined: not known, so `-m mark` may or may not match. */
  mark?: number;
  /** The connection's mark (ctmark); undefined: not known. */
  ctmark?: number;
  /**
   * Which interface the chain knows: `in` (arriving, PREROUTING and INPUT) or `out` (leaving, OUTPUT
   * and POSTROUTING). Undefined: `in` for INPUT's direction, `out` for OUTPUT's. Over lo a packet
   * travels both ways: the client's SYN leaves through OUTPUT and arrives through INPUT.
   */
  side?: 'in' | 'out';
  /** The connection's destination was translated (DNAT or REDIRECT): `--ctstate DNAT` holds. */
  dnat?: boolean;
  /** The connection's source was translated (SNAT, MASQUERADE, NETMAP in nat INPUT): `--ctstate SNAT` holds. */
  snat?: boolean;
  /** The raw rule that exempted this packet from tracking (NOTRACK, CT --notrack), if one did. */
  untrackedBy?: number;
}

/** The first packet of a new TCP connection from outside to `port`. */
export function synTo(port: number, extra: Partial<Packet> = {}): Packet {
  return { hook: 'INPUT', localPort: port, state: 'NEW', flags: TCP_FLAG_BITS.SYN, ...extra };
}

export type Verdict = 'accept' | 'drop' | 'reject' | 'unknown';

/**
 * Every verdict the packet may meet, each with a line that decides it (-1: none), and the verdict on
 * the default path: the one taken when no undecidable match holds, which is what a message names.
 */
export interface Outcomes {
  verdicts: Map<Verdict, number>;
  primary: Verdict;
  primaryLine: number;
}

type Flow = Verdict | 'return';
interface FlowSet {
  flows: Map<Flow, number>;
  primary: Flow;
}

const only = (flow: Flow, line: number): FlowSet => ({ flows: new Map([[flow, line]]), primary: flow });

const DECIDING = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);
const TERMINAL_FLOWS: Readonly<Record<string, Flow | undefined>> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return' };
/** Targets after which the packet goes on through the chain. */
export const NON_TERMINATING: ReadonlySet<string> = new Set([
  'LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TRACE', 'TCPMSS', 'TOS', 'DSCP', 'TTL',
  'HL', 'CLASSIFY', 'SET', 'AUDIT', 'CHECKSUM', 'SECMARK', 'CONNSECMARK', 'IDLETIMER', 'LED', 'RATEEST',
  'TEE', 'HMARK', 'TCPOPTSTRIP',
]);
/** Matches that hold only for their own protocol: the protocols' own, and multiport (tcp, udp and friends). */
const PROTOCOL_MATCHES: ReadonlySet<string> = new Set([...PROTOCOL_MATCH_NAMES, 'multiport']);
const TCP_NAMES = new Set(['tcp', '6']);
const ICMP_NAMES = new Set(['icmp', '1', 'icmpv6', 'ipv6-icmp', 'icmp6', '58']);
const EPHEMERAL: PortItem = { low: 32768, high: 60999, start: 0, end: 0, text: '' };

const AND = (a: Tri, b: Tri): Tri => (a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes');
const OR = (a: Tri, b: Tri): Tri => (a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no');
const NOT = (a: Tri): Tri => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe');
const neg = (o: OptionUse, t: Tri): Tri => (o.negation ? NOT(t) : t);

const srcOf = (p: Packet): 'peer' | 'self' => (p.hook === 'INPUT' ? 'peer' : 'self');
const dstOf = (p: Packet): 'peer' | 'self' => (p.hook === 'INPUT' ? 'self' : 'peer');

/** Whether an address of this end lies in `n`. */
function endIn(end: 'peer' | 'self', n: Network, p: Packet): Tri {
  if (isAnyNetwork(n)) return 'yes';
  const known = end === 'peer' ? p.peer : p.self;
  // An unnamed peer lies outside every network the file names.
  if (known === 'unnamed') return 'no';
  if (known) return networkWithin(known, n) ? 'yes' : 'no';
  // Traffic between this host and another never carries a loopback address, and a TCP connection
  // never a multicast, broadcast or unspecified one.
  return isLoopbackNetwork(n) || isNeverUnicastNetwork(n) ? 'no' : 'maybe';
}

/** A source or destination option's networks (undefined where a part is not an address), parsed once. */
export function addressesOf(o: OptionUse): Array<Network | undefined> {
  let networks = o.parsed as Array<Network | undefined> | typeof LITERAL_ONLY | typeof LITERAL_REMOTE | undefined;
  if (networks === undefined || networks === LITERAL_ONLY || networks === LITERAL_REMOTE) {
    networks = (o.args[0]?.value ?? '').split(',').map((part) => addressNetwork(part));
    o.parsed = networks;
  }
  return networks;
}

/** Marks an address option known to hold literal networks only, none of them the whole space. */
const LITERAL_ONLY = Symbol('literal networks');
/**
 * The same, and every network an IPv4 one with a first octet from 1 to 223 but 127: no loopback,
 * multicast, broadcast or unspecified address, so it may hold the address of a TCP peer.
 */
const LITERAL_REMOTE = Symbol('literal remote networks');

/** Each item of a literal list is IPv4 with a first octet from 1 to 223 but 127, written plainly. */
function remoteIPv4Only(v: string): boolean {
  let start = 0;
  while (start <= v.length) {
    let end = v.indexOf(',', start);
    if (end < 0) end = v.length;
    const dot = v.indexOf('.', start);
    if (dot < 0 || dot > end || dot === start || dot - start > 3) return false;
    // A leading zero may be read as octal: leave that to the parser.
    if (v.charCodeAt(start) === 48 && dot - start > 1) return false;
    for (let i = start; i < end; i++) if (v.charCodeAt(i) === 58) return false;
    const octet = digitsValue(v.slice(start, dot));
    if (octet < 1 || octet > 223 || octet === 127) return false;
    start = end + 1;
  }
  return true;
}

// Arguments are parsed once per option (kept on the option), not once per packet.
function addressList(end: 'peer' | 'self', o: OptionUse, p: Packet): Tri {
  // An unnamed peer misses every literal network but the whole address space: no parse needed,
  // which is what walking a big file for "anywhere" mostly asks.
  // An address not known at all lies in every literal network but loopback ones: `maybe`, again
  // without a parse, which is what asking about "the admin's address" over a big file does.
  const known = end === 'peer' ? p.peer : p.self;
  if (known === 'unnamed' || known === undefined) {
    if (o.parsed === undefined) {
      const v = o.args[0]?.value ?? '';
      if (literalNetworks(v)) o.parsed = remoteIPv4Only(v) ? LITERAL_REMOTE : LITERAL_ONLY;
    }
    if (o.parsed === LITERAL_ONLY || o.parsed === LITERAL_REMOTE) {
      if (known === 'unnamed') return 'no';
      if (o.parsed === LITERAL_REMOTE) return 'maybe';
    }
  }
  let t: Tri = 'no';
  for (const n of addressesOf(o)) t = OR(t, n ? endIn(end, n, p) : 'maybe');
  return t;
}

/** A TCP port option's port or port list, parsed once; undefined when iptables would refuse it. */
export function portsOf(o: OptionUse): PortItem[] | undefined {
  let items = o.parsed as PortItem[] | null | undefined;
  if (items === undefined) {
    const arg = o.args[0]?.value ?? '';
    const single = SINGLE_PORT_OPTIONS.has(o.name);
    const one = single ? parsePortRange(arg) : undefined;
    items = (one ? [one] : single ? undefined : parsePortList(arg)) ?? null;
    o.parsed = items;
  }
  return items ?? undefined;
}

/** iptables interface names: a trailing `+` matches every name with that prefix. */
function ifaceMatches(pattern: string, iface: string | undefined): Tri {
  const prefix = pattern.endsWith('+') ? pattern.slice(0, -1) : undefined;
  if (iface !== undefined) return (prefix !== undefined ? iface.startsWith(prefix) : pattern === iface) ? 'yes' : 'no';
  // Not known, but not loopback: the peer is another machine.
  if (prefix === '') return 'yes';
  return pattern === 'lo' ? 'no' : 'maybe';
}

function portTri(port: number | undefined, items: readonly PortItem[]): Tri {
  if (port !== undefined) return portInItems(port, items) ? 'yes' : 'no';
  // An ephemeral port: sure only when the items cover all of them, or none.
  if (items.some((i) => i.low <= EPHEMERAL.low && i.high >= EPHEMERAL.high)) return 'yes';
  return items.some((i) => i.high >= EPHEMERAL.low && i.low <= EPHEMERAL.high) ? 'maybe' : 'no';
}

const sideOf = (p: Packet): 'in' | 'out' => p.side ?? (p.hook === 'INPUT' ? 'in' : 'out');
const srcPort = (p: Packet): number | undefined => (p.hook === 'INPUT' ? p.remotePort : p.localPort);
const dstPort = (p: Packet): number | undefined => (p.hook === 'INPUT' ? p.localPort : p.remotePort);

function coreMatch(o: OptionUse, p: Packet): Tri {
  const arg = o.args[0]?.value;
  switch (o.name) {
    case 'protocol': {
      const v = arg?.toLowerCase();
      if (v === undefined) return 'maybe';
      if (v === 'all' || v === '0') return neg(o, 'yes');
      const names = p.protocol === 'icmp' ? ICMP_NAMES : TCP_NAMES;
      return neg(o, names.has(v) ? 'yes' : 'no');
    }
    case 'source':
      return arg === undefined ? 'maybe' : neg(o, addressList(srcOf(p), o, p));
    case 'destination':
      return arg === undefined ? 'maybe' : neg(o, addressList(dstOf(p), o, p));
    case 'in-interface':
      return arg === undefined || sideOf(p) !== 'in' ? 'maybe' : neg(o, ifaceMatches(arg, p.iface));
    case 'out-interface':
      return arg === undefined || sideOf(p) !== 'out' ? 'maybe' : neg(o, ifaceMatches(arg, p.iface));
    case 'fragment':
      // Only second and later fragments match -f; connection packets are not fragmented.
      return neg(o, 'no');
    case 'ipv4':
    case 'ipv6':
      return 'yes';
    default:
      return 'maybe';
  }
}

function flagBits(list: string): number | undefined {
  let bits = 0;
  for (const f of list.split(',')) {
    const b = TCP_FLAG_BITS[f.toUpperCase()];
    if (b === undefined) return undefined;
    bits |= b;
  }
  return bits;
}

function stateTri(o: OptionUse, p: Packet): Tri {
  if (p.state === 'unsure') return 'maybe';
  // The option's states, read once and kept on it (a walk over a big file asks every rule).
  let states = o.parsed as readonly string[] | undefined;
  if (states === undefined) o.parsed = states = (o.args[0]?.value ?? '').toUpperCase().split(',');
  if (states.includes(p.state)) return 'yes';
  // conntrack's virtual states: DNAT for a connection whose destination was translated.
  if (states.includes('DNAT') && o.name === 'ctstate' && p.state !== 'UNTRACKED') return p.dnat === undefined ? 'maybe' : p.dnat ? 'yes' : 'no';
  if (states.includes('SNAT') && o.name === 'ctstate' && p.state !== 'UNTRACKED') return p.snat === undefined ? 'maybe' : p.snat ? 'yes' : 'no';
  return 'no';
}

/** `-m mark --mark` or `-m connmark --mark`: the value under the mask, where the mark is known. */
function markTri(o: OptionUse, mark: number | undefined): Tri {
  const m = o.name === 'mark' ? parseMark(o.args[0]?.value ?? '') : undefined;
  if (!m || mark === undefined) return 'maybe';
  return neg(o, ((mark & m.mask) >>> 0) === m.value ? 'yes' : 'no');
}

function matchOption(module: string, o: OptionUse, p: Packet): Tri {
  const arg = o.args[0]?.value ?? '';
  switch (module) {
    case 'tcp':
      switch (o.name) {
        case 'dport':
        case 'sport': {
          const port = o.name === 'dport' ? dstPort(p) : srcPort(p);
          // A known port against a numeric value or list: settled without parsing (or keeping) anything.
          if (port !== undefined && numericListMisses(arg, [port])) return neg(o, 'no');
          const r = portsOf(o);
          if (!r) return 'maybe';
          return neg(o, portTri(o.name === 'dport' ? dstPort(p) : srcPort(p), r));
        }
        case 'syn':
          return neg(o, (p.flags & (TCP_FLAG_BITS.SYN | TCP_FLAG_BITS.ACK | TCP_FLAG_BITS.RST | TCP_FLAG_BITS.FIN)) === TCP_FLAG_BITS.SYN ? 'yes' : 'no');
        case 'tcp-flags': {
          const mask = flagBits(arg);
          const comp = flagBits(o.args[1]?.value ?? '');
          if (mask === undefined || comp === undefined) return 'maybe';
          return neg(o, (p.flags & mask) === comp ? 'yes' : 'no');
        }
        default:
          return 'maybe';
      }
    case 'multiport': {
      const dst = dstPort(p);
      if (o.name === 'dports' && dst !== undefined && numericListMisses(arg, [dst])) return neg(o, 'no');
      const items = portsOf(o);
      if (!items) return 'maybe';
      if (o.name === 'dports') return neg(o, portTri(dstPort(p), items));
      if (o.name === 'sports') return neg(o, portTri(srcPort(p), items));
      if (o.name === 'ports') return neg(o, OR(portTri(dstPort(p), items), portTri(srcPort(p), items)));
      return 'maybe';
    }
    case 'conntrack':
      return o.name === 'ctstate' ? neg(o, stateTri(o, p)) : 'maybe';
    case 'state':
      return o.name === 'state' ? neg(o, stateTri(o, p)) : 'maybe';
    case 'comment':
      return 'yes';
    case 'mark':
      return markTri(o, p.mark);
    case 'recent':
      // --set adds the source to the list and always matches; a check against the list may go either way.
      if (o.name === 'set') return neg(o, 'yes');
      return o.name === 'rcheck' || o.name === 'update' || o.name === 'remove' ? 'maybe' : 'yes';
    case 'connmark':
      // An untracked packet has no connection, and no connection mark to match.
      return p.state === 'UNTRACKED' ? (o.name === 'mark' ? 'no' : 'maybe') : markTri(o, p.ctmark);
    case 'addrtype':
      return o.name === 'src-type' || o.name === 'dst-type' ? neg(o, addrTypes(o.name === 'src-type' ? srcOf(p) : dstOf(p), arg, p)) : 'maybe';
    case 'pkttype':
      return o.name === 'pkt-type' ? neg(o, pktType(arg.toLowerCase(), p)) : 'maybe';
    case 'iprange': {
      if (o.name !== 'src-range' && o.name !== 'dst-range') return 'maybe';
      const end = o.name === 'src-range' ? srcOf(p) : dstOf(p);
      const known = end === 'peer' ? p.peer : p.self;
      if (known === 'unnamed') return neg(o, 'no');
      if (!known) return 'maybe';
      const [lo, hi] = rangeEnds(arg).map((a) => numericAddress(a, known.family));
      if (!lo || !hi) return 'maybe';
      return neg(o, compareAddresses(known.bytes, lo) >= 0 && compareAddresses(known.bytes, hi) <= 0 ? 'yes' : 'no');
    }
    default:
      return 'maybe';
  }
}

/** Whether an end's address is unicast or a multicast group (undefined: a known network with both). */
function castOf(end: 'peer' | 'self', p: Packet): 'unicast' | 'multicast' | undefined {
  const known = end === 'peer' ? p.peer : p.self;
  if (known === undefined || known === 'unnamed') return 'unicast';
  if (isMulticastNetwork(known)) return 'multicast';
  return holdsMulticast(known) ? undefined : 'unicast';
}

/**
 * `--pkt-type`: a frame to this host for a unicast address, a multicast frame for a group. What this
 * host sends is of type host too (the kernel looks at the address only for looped-back multicast).
 */
function pktType(type: string, p: Packet): Tri {
  const cast = castOf(dstOf(p), p);
  if (cast === undefined) return 'maybe';
  switch (type) {
    case 'unicast':
    case 'host':
      return cast === 'unicast' ? 'yes' : 'no';
    case 'multicast':
    case 'mcast':
      return cast === 'multicast' ? 'yes' : 'no';
    case 'broadcast':
    case 'bcast':
      return cast === 'unicast' ? 'no' : 'maybe';
    case 'otherhost':
      // A frame for another host never gets as far as INPUT.
      return 'no';
    default:
      return 'maybe';
  }
}

/**
 * addrtype's `--src-type` / `--dst-type` list for an end. IPv4 matches any type of the list; IPv6
 * needs some of them together, so a list of several is only ever surely `no`.
 */
function addrTypes(end: 'peer' | 'self', list: string, p: Packet): Tri {
  const types = list.toUpperCase().split(',');
  let t: Tri = 'no';
  for (const type of types) t = OR(t, addrType(end, type, p));
  return types.length > 1 && t === 'yes' ? 'maybe' : t;
}

/** One address type for an end: this host's address is LOCAL, a peer's UNICAST; neither is ever multicast, broadcast or anycast. */
function addrType(end: 'peer' | 'self', type: string, p: Packet): Tri {
  const cast = castOf(end, p);
  if (cast === undefined) return 'maybe';
  if (cast === 'multicast') return type === 'MULTICAST' ? 'yes' : type === 'UNICAST' || type === 'UNSPEC' || type === 'BROADCAST' ? 'no' : 'maybe';
  const known = end === 'peer' ? p.peer : p.self;
  const loopback = known !== undefined && known !== 'unnamed' && isLoopbackNetwork(known);
  // The peer is another machine (routing drops a packet from outside with one of this host's
  // addresses as its source), unless the connection runs over lo.
  const local: Tri = end === 'self' || loopback ? 'yes' : p.iface === 'lo' ? 'maybe' : 'no';
  switch (type) {
    case 'LOCAL':
      return local;
    case 'UNICAST':
      // IPv4 calls this host's own addresses LOCAL only; IPv6 calls every unicast address UNICAST.
      if (local === 'yes') return p.family === 6 ? 'yes' : p.family === 4 ? 'no' : 'maybe';
      return local === 'no' ? 'yes' : 'maybe';
    case 'MULTICAST':
    case 'BROADCAST':
    case 'ANYCAST':
    case 'UNSPEC':
      return 'no';
    default:
      return 'maybe';
  }
}

// ICMPv6 type names ip6tables accepts for the neighbour-discovery messages the engine probes.
const ICMP6_TYPE_NAMES: Readonly<Record<string, number>> = {
  'router-solicitation': 133, 'router-advertisement': 134,
  'neighbour-solicitation': 135, 'neighbor-solicitation': 135,
  'neighbour-advertisement': 136, 'neighbor-advertisement': 136,
};

function icmpTypeMatch(m: MatchUse, p: Packet): Tri {
  let t: Tri = 'yes';
  for (const o of m.options) {
    if (o.name !== 'icmpv6-type' || p.icmpType === undefined) return 'maybe';
    const v = (o.args[0]?.value ?? '').toLowerCase();
    const named = ICMP6_TYPE_NAMES[v];
    const numeric = v.split('/').length <= 2 && v.split('/').every((n) => /^\d+$/.test(n)) ? v.split('/') : undefined;
    let hit: Tri;
    if (named !== undefined) hit = named === p.icmpType ? 'yes' : 'no';
    else if (numeric) hit = Number(numeric[0]) !== p.icmpType ? 'no' : numeric[1] === undefined || numeric[1] === '0' ? 'yes' : 'no';
    // Any other name is some other type (echo-request, destination-unreachable...).
    else hit = 'no';
    t = AND(t, neg(o, hit));
  }
  return t;
}

/** The packet opens a TCP connection: a SYN without ACK, RST or FIN. */
const opensConnection = (p: Packet): boolean =>
  p.protocol !== 'icmp' && (p.flags & (TCP_FLAG_BITS.SYN | TCP_FLAG_BITS.ACK | TCP_FLAG_BITS.RST | TCP_FLAG_BITS.FIN)) === TCP_FLAG_BITS.SYN;

/** Matches that count packets or connections: how they take the opening packet of one connection alone. */
export const RATE_MODULES: ReadonlySet<string> = new Set(['limit', 'hashlimit', 'connlimit']);

/** A count option's value when it is plain decimal digits, else -1. */
const countOf = (o: OptionUse): number => digitsValue(o.args[0]?.value ?? '');

/**
 * One new connection, alone, against a rate or count match. A token bucket (limit, hashlimit)
 * starts full with `burst` tokens, at least one, so its first packet is within the rate; connlimit
 * counts the connection itself, so it sees 1. Later packets, and the connections after a burst,
 * depend on the traffic: `maybe`.
 */
function rateOption(module: string, o: OptionUse): Tri {
  switch (o.name) {
    case 'limit':
    case 'hashlimit-upto':
    case 'hashlimit':
      return neg(o, 'yes');
    case 'hashlimit-above':
      return neg(o, 'no');
    // A burst of 0 the kernel or iptables refuses, or reads in its own way: not decided here.
    case 'limit-burst':
    case 'hashlimit-burst':
      return countOf(o) >= 1 ? neg(o, 'yes') : 'maybe';
    case 'connlimit-above':
      return countOf(o) < 0 ? 'maybe' : neg(o, 1 > countOf(o) ? 'yes' : 'no');
    case 'connlimit-upto':
      return countOf(o) < 0 ? 'maybe' : neg(o, 1 <= countOf(o) ? 'yes' : 'no');
    case 'connlimit-mask':
    case 'connlimit-saddr':
    case 'connlimit-daddr':
      return 'yes';
    case 'hashlimit-rate-match':
    case 'hashlimit-rate-interval':
      // Rate classification, not a bucket.
      return 'maybe';
    default:
      // hashlimit's name, mode, masks and table sizes pick the bucket, not whether it has a token.
      return module === 'hashlimit' ? 'yes' : 'maybe';
  }
}

/**
 * connlimit counts 1 on every try of the connection (a dropped SYN's entry is never confirmed, so
 * its retransmission counts 1 again). A bucket, though, is read again by each retransmitted SYN
 * and may have run dry by then, or filled again: its first answer holds only when it ends the
 * attempt or cannot change it, that is an ACCEPT that matches or a DROP that does not.
 */
function rateMatch(module: string, m: MatchUse, p: Packet, rule: ParsedRule): Tri {
  if (!opensConnection(p)) return 'maybe';
  // connlimit needs --connlimit-above or --connlimit-upto; limit alone is 3/hour, burst 5.
  let t: Tri = m.options.length === 0 ? (module === 'limit' ? 'yes' : 'maybe') : 'yes';
  for (const o of m.options) t = AND(t, rateOption(module, o));
  if (module === 'connlimit') return t;
  const target = rule.target?.goto ? undefined : rule.target?.name?.value;
  return (t === 'yes' && target === 'ACCEPT') || (t === 'no' && target === 'DROP') ? t : 'maybe';
}

function matchModule(m: MatchUse, p: Packet, rule: ParsedRule): Tri {
  const module = m.module.toLowerCase();
  if (RATE_MODULES.has(module)) return rateMatch(module, m, p, rule);
  if (PROTOCOL_MATCHES.has(module)) {
    // Each protocol's match only ever holds for that protocol (multiport for tcp, udp and friends).
    const ours = p.protocol === 'icmp' ? ICMP_NAMES.has(module) : module === 'tcp' || module === 'multiport';
    if (!ours) return 'no';
    if (p.protocol === 'icmp') return m.options.length === 0 ? 'yes' : icmpTypeMatch(m, p);
  }
  let t: Tri = 'yes';
  for (const o of m.options) {
    t = AND(t, matchOption(module, o, p));
    if (t === 'no') return t;
  }
  if (m.options.length === 0 && module !== 'tcp' && module !== 'comment') return 'maybe';
  return t;
}

/** Whether the rule's matches hold for the packet. */
export function matchRule(rule: ParsedRule, p: Packet): Tri {
  let t: Tri = 'yes';
  for (const o of rule.core) {
    t = AND(t, coreMatch(o, p));
    if (t === 'no') return t;
  }
  for (const m of rule.matches) {
    t = AND(t, matchModule(m, p, rule));
    if (t === 'no') return t;
  }
  return t;
}

/** Positions of a chain's rules that can match an unnamed peer: those without a literal source (INPUT) or destination (OUTPUT). */
const unnamedCandidates = new WeakMap<RuleLine[], { source: number[] | undefined; destination: number[] | undefined }>();

const WALK_BITS_KNOWN = 1;
const LITERAL_SOURCE = 2;
const LITERAL_DESTINATION = 4;
/** `-p` names TCP, an ICMP, or another protocol (not `all`). */
const PROTOCOL_TCP = 8;
const PROTOCOL_ICMP = 16;
const PROTOCOL_OTHER = 32;
/** A port option the bits below do not hold (a list, a range, a name, a source port, a negation, a second one). */
const PORTS_OTHER = 64;
/** The rule's one port option is the destination port below. */
const PORT_NAMED = 128;
/** No target, or one that lets the packet go on (LOG, MARK...): the rule never changes a verdict. */
const NO_VERDICT = 256;
/** At most one core option, no literal network, and no match but comments: the rule may match every packet. */
const FEW_CONDITIONS = 512;
/** Above these bits: 1 + the one destination port a port option requires (0: none). */
const PORT_SHIFT = 10;

/**
 * Kept on the rule (the parser asks for it while the rule is fresh): which sides a literal network
 * limits, what `-p` asks for, and a single destination port the rule requires. A walk settles most
 * rules of a big file on these bits alone, as matchRule would, without reading the rule again.
 */
export function walkBits(rule: ParsedRule): number {
  if (rule.walkMemo !== 0) return rule.walkMemo;
  let bits = WALK_BITS_KNOWN;
  for (const o of rule.core) {
    if (o.negation) continue;
    if (o.name === 'protocol') {
      const v = o.args[0]?.value.toLowerCase();
      if (v === undefined || v === 'all' || v === '0') continue;
      bits |= TCP_NAMES.has(v) ? PROTOCOL_TCP : ICMP_NAMES.has(v) ? PROTOCOL_ICMP : PROTOCOL_OTHER;
    } else if ((o.name === 'source' || o.name === 'destination') && literalNetworks(o.args[0]?.value ?? '')) {
      bits |= o.name === 'source' ? LITERAL_SOURCE : LITERAL_DESTINATION;
    }
  }
  let portOptions = 0;
  let held = false;
  for (const m of rule.matches) {
    for (const o of m.options) {
      if (PORT_OPTION_NAMES.has(o.name)) portOptions++;
      if (o.negation) continue;
      const single = DESTINATION_PORT_OPTIONS.has(o.name);
      const port = single ? plainPort(o.args[0]?.value ?? '') : -1;
      if (port >= 0) {
        bits = (bits & ((1 << PORT_SHIFT) - 1)) | ((port + 1) << PORT_SHIFT);
        held = PORT_OPTION_NAMES.has(o.name);
      }
    }
  }
  if (portOptions > 1 || (portOptions === 1 && !held)) bits |= PORTS_OTHER;
  else if (portOptions === 1) bits |= PORT_NAMED;
  const target = rule.target?.name?.value;
  if (target === undefined || NON_TERMINATING.has(target)) bits |= NO_VERDICT;
  if (rule.core.length <= 1 && !(bits & (LITERAL_SOURCE | LITERAL_DESTINATION))) {
    let comments = true;
    for (const m of rule.matches) if (m.module !== 'comment') comments = false;
    if (comments) bits |= FEW_CONDITIONS;
  }
  rule.walkMemo = bits;
  return bits;
}

/** The rule names a source or destination network other than the whole space (from its bits). */
export function namesLiteralAddress(rule: ParsedRule): boolean {
  return (walkBits(rule) & (LITERAL_SOURCE | LITERAL_DESTINATION)) !== 0;
}

/** `-p tcp` (or `-p 6`), not negated, from the bits alone. */
export function requiresTcp(rule: ParsedRule): boolean {
  return (walkBits(rule) & PROTOCOL_TCP) !== 0;
}

/** The cheap test of rule-cover's mayMatchEverything, from the bits alone. */
export function fewConditions(rule: ParsedRule): boolean {
  return (walkBits(rule) & FEW_CONDITIONS) !== 0;
}

/**
 * The port the rule's only port option names (dport, sport, dports, sports or ports, in any match),
 * -1 when it has none, or -2 when its port options need reading (lists, ranges, names, several).
 */
export function namedPortOf(rule: ParsedRule): number {
  const bits = walkBits(rule);
  if (bits & PORTS_OTHER) return -2;
  return bits & PORT_NAMED ? (bits >>> PORT_SHIFT) - 1 : -1;
}

/** Whether the bits alone say the rule cannot match the packet (matchRule would answer `no`). */
export function surelyMisses(bits: number, p: Packet): boolean {
  const icmp = p.protocol === 'icmp';
  if (bits & PROTOCOL_OTHER || bits & (icmp ? PROTOCOL_TCP : PROTOCOL_ICMP)) return true;
  const want = bits >>> PORT_SHIFT;
  if (want === 0) return false;
  // A port match never holds for an ICMP message.
  if (icmp) return true;
  const port = dstPort(p);
  return port !== undefined && port !== want - 1;
}

/** A port written as plain digits (0-65535), or -1. */
function plainPort(v: string): number {
  const n = digitsValue(v);
  return n <= 65535 ? n : -1;
}

/** Addresses and networks written as numbers (no host names), none of them the whole address space. */
function literalNetworks(v: string): boolean {
  // Only the plain spellings: dotted decimal without leading zeros (iptables reads `010` as octal),
  // IPv6 hex words with a decimal prefix length, and never a length of 0. Anything else (a dotted
  // mask, `/0x18`, a mask of zeros) is left to the full reading.
  if (v.includes(',')) return v.split(',').every(literalNetwork);
  return literalNetwork(v);
}

function literalNetwork(item: string): boolean {
  if (item.endsWith('/0')) return false;
  if (!item.includes(':')) return plainIPv4(item, true);
  const slash = item.indexOf('/');
  const end = slash < 0 ? item.length : slash;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = item.charCodeAt(i);
    const l = c | 32;
    if (!((c >= 48 && c <= 58) || (l >= 97 && l <= 102))) return false;
  }
  return slash < 0 || /^[1-9]\d{0,2}$/.test(item.slice(slash + 1));
}

/**
 * The rules worth matching for this packet, or undefined for all of them. An unnamed peer misses
 * every rule limited to a literal network on its side, which in big host-by-host files is nearly
 * every rule: skipping them unread keeps "from anywhere" walks cheap.
 */
function candidates(chain: ChainModel, p: Packet, bits: Int32Array | undefined): number[] | undefined {
  if (p.peer !== 'unnamed') return undefined;
  let c = unnamedCandidates.get(chain.rules);
  if (!c) unnamedCandidates.set(chain.rules, (c = { source: undefined, destination: undefined }));
  // Each side is worked out when a walk first asks for it.
  const side = p.hook === 'INPUT' ? 'source' : 'destination';
  let list = c[side];
  if (!list) {
    list = [];
    const rules = chain.rules;
    const limit = side === 'source' ? LITERAL_SOURCE : LITERAL_DESTINATION;
    for (let i = 0; i < rules.length; i++) if (((bits ? bits[i] : walkBits(rules[i].rule)) & limit) === 0) list.push(i);
    c[side] = list;
  }
  return list;
}

/** Per chain: the positions of the rules that may match a packet, and how surely each does. */
export interface Walk {
  at: number[];
  tri: Tri[];
}

/**
 * Matches the chain's rules against the packet in order, up to the first that surely decides.
 * With `verdictsOnly`, the rules that never change a verdict (no target, LOG, MARK...) are left
 * out unread: what the walk is solved for stays the same.
 */
export function walkChain(chain: ChainModel, packet: Packet, snapshot: Snapshot | undefined, verdictsOnly = false): Walk {
  const found: Walk = { at: [], tri: [] };
  const rules = chain.rules;
  const bits = snapshot ? bitsOf(snapshot) : undefined;
  const only$ = candidates(chain, packet, bits);
  if (snapshot && bits && !only$) return walkByPorts(chain, packet, snapshot, bits, verdictsOnly ? NO_VERDICT : 0);
  const skip = verdictsOnly ? NO_VERDICT : 0;
  const n = only$ ? only$.length : rules.length;
  for (let k = 0; k < n; k++) {
    const i = only$ ? only$[k] : k;
    // Settled on the chain's list of bits first: the rule itself, far away in memory, is read only
    // for the few rules the bits do not settle.
    const b = bits ? bits[i] : walkBits(rules[i].rule);
    if (b & skip || surelyMisses(b, packet)) continue;
    const line = rules[i];
    const m = matchRule(line.rule, packet);
    if (m === 'no') continue;
    found.at.push(i);
    found.tri.push(m);
    if (m === 'yes' && DECIDING.has(line.rule.target?.name?.value ?? '')) break;
  }
  return found;
}

/** Whether a rule's bits say it has a port option: only those read the packet's local port. */
const readsPorts = (bits: number): boolean => (bits & (PORTS_OTHER | PORT_NAMED)) !== 0;

/**
 * `walkChain` for a chain walked whole, in two parts. The rules without a port option answer the
 * same for every local port, so their walk is kept per packet with the port left out: the queries
 * for 22, 25, 143... of one file match them once. Only the rules with a port option are matched
 * for each port, and the two lists are merged in order, up to the first rule that surely decides.
 */
function walkByPorts(chain: ChainModel, packet: Packet, snapshot: Snapshot, bits: Int32Array, skip: number): Walk {
  const rules = chain.rules;
  const key = skip ? portFreeKey(packet) : `${portFreeKey(packet)}|all`;
  let free = snapshot.portFree.get(key);
  if (!free) {
    free = { at: [], tri: [], stop: rules.length };
    for (let i = 0; i < rules.length; i++) {
      if (bits[i] & skip || readsPorts(bits[i]) || surelyMisses(bits[i], packet)) continue;
      const m = matchRule(rules[i].rule, packet);
      if (m === 'no') continue;
      free.at.push(i);
      free.tri.push(m);
      if (m === 'yes' && DECIDING.has(rules[i].rule.target?.name?.value ?? '')) {
        free.stop = i;
        break;
      }
    }
    if (snapshot.portFree.size >= MAX_WALKS_PER_CHAIN) snapshot.portFree.clear();
    snapshot.portFree.set(key, free);
  }
  const ported = portRules(snapshot, bits);
  const found: Walk = { at: [], tri: [] };
  let f = 0;
  let stop = free.stop;
  for (let k = 0; k < ported.length && ported[k] < stop; k++) {
    const i = ported[k];
    if (bits[i] & skip || surelyMisses(bits[i], packet)) continue;
    const m = matchRule(rules[i].rule, packet);
    if (m === 'no') continue;
    while (f < free.at.length && free.at[f] < i) {
      found.at.push(free.at[f]);
      found.tri.push(free.tri[f++]);
    }
    found.at.push(i);
    found.tri.push(m);
    if (m === 'yes' && DECIDING.has(rules[i].rule.target?.name?.value ?? '')) stop = i;
  }
  while (f < free.at.length && free.at[f] <= stop) {
    found.at.push(free.at[f]);
    found.tri.push(free.tri[f++]);
  }
  return found;
}

/** The positions of a chain's rules that have a port option, made on the first walk by ports. */
function portRules(s: Snapshot, bits: Int32Array): Int32Array {
  if (!s.portRules) {
    let n = 0;
    for (let i = 0; i < bits.length; i++) if (readsPorts(bits[i])) n++;
    const at = new Int32Array(n);
    n = 0;
    for (let i = 0; i < bits.length; i++) if (readsPorts(bits[i])) at[n++] = i;
    s.portRules = at;
  }
  return s.portRules;
}

/**
 * A chain's rules as parsed rules, with the walks done over them. An incremental parse keeps the
 * parsed rule of every line an edit left alone, so a chain the edit did not touch finds its walks
 * again under its first rule, and only the edited chain is matched again.
 */
export interface Snapshot {
  rules: ParsedRule[];
  /** Each rule's walk bits, in one compact list the walks scan (made on the first walk). */
  bits: Int32Array | undefined;
  walks: Map<string, Walk>;
  /** Walks of the rules without a port option, by the packet without its local port (`walkByPorts`). */
  portFree: Map<string, Walk & { stop: number }>;
  /** The positions of the rules with a port option. */
  portRules: Int32Array | undefined;
  /** What other checks worked out from the chain's rules alone, by check. */
  memo: Map<string, unknown>;
}
const snapshotsByFirstRule = new WeakMap<ParsedRule, Snapshot>();

function bitsOf(s: Snapshot): Int32Array {
  if (!s.bits) {
    const bits = new Int32Array(s.rules.length);
    for (let i = 0; i < bits.length; i++) bits[i] = walkBits(s.rules[i]);
    s.bits = bits;
  }
  return s.bits;
}
const snapshotOfChain = new WeakMap<ChainModel, Snapshot>();
/** Bounds on what is kept: walks of many "maybe" rules are not, and a chain keeps a few hundred packets. */
const MAX_KEPT_WALK = 4096;
const MAX_WALKS_PER_CHAIN = 256;

export function chainSnapshot(chain: ChainModel): Snapshot | undefined {
  const rules = chain.rules;
  if (rules.length === 0) return undefined;
  let s = snapshotOfChain.get(chain);
  if (s) return s;
  const first = rules[0].rule;
  const known = snapshotsByFirstRule.get(first);
  let same = !!known && known.rules.length === rules.length;
  for (let i = 0; same && i < rules.length; i++) same = (known as Snapshot).rules[i] === rules[i].rule;
  if (same) s = known as Snapshot;
  else {
    s = { rules: rules.map((l) => l.rule), bits: undefined, walks: new Map(), portFree: new Map(), portRules: undefined, memo: new Map() };
    snapshotsByFirstRule.set(first, s);
  }
  snapshotOfChain.set(chain, s);
  return s;
}

const netKey = (n: Network | 'unnamed' | undefined): string => (n === undefined ? '' : n === 'unnamed' ? 'u' : `${n.bytes.join('.')}/${n.prefix}`);

/** Everything matchRule reads of a packet but its local port, which only port options read. */
function portFreeKey(p: Packet): string {
  return `${p.hook}|${p.family ?? ''}|${p.remotePort ?? ''}|${netKey(p.peer)}|${netKey(p.self)}|${p.iface ?? ''}|${p.state}|${p.protocol ?? ''}|${p.icmpType ?? ''}|${p.flags}|${p.mark ?? ''}|${p.ctmark ?? ''}|${p.dnat ?? ''}|${p.snat ?? ''}|${p.side ?? ''}`;
}

/** Everything matchRule reads of a packet. */
function packetKey(p: Packet): string {
  return `${p.hook}|${p.family ?? ''}|${p.localPort}|${p.remotePort ?? ''}|${netKey(p.peer)}|${netKey(p.self)}|${p.iface ?? ''}|${p.state}|${p.protocol ?? ''}|${p.icmpType ?? ''}|${p.flags}|${p.mark ?? ''}|${p.ctmark ?? ''}|${p.dnat ?? ''}|${p.snat ?? ''}|${p.side ?? ''}`;
}

/**
 * Walks `chainName` the way netfilter does (first match wins, jumps, gotos, RETURN, policy) and
 * collects every verdict the packet may meet. Undecidable matches fork the walk; per-position
 * results are shared, so the cost stays linear in the number of rules.
 */
export function evaluateChain(table: TableModel, chainName: string, packet: Packet, everyRule = false): Outcomes {
  // A rule with no target or a non-terminating one changes no flow (see ruleFlows), so the walks
  // leave such rules out, unless a user chain takes a name like LOG: then the rule jumps to it.
  const verdictsOnly = !everyRule && !namesNonTerminating(table);
  const key = verdictsOnly ? packetKey(packet) : `${packetKey(packet)}|all`;
  const ev: Evaluation = { table, packet, key, verdictsOnly, memo: new Map(), cycle: only('unknown', -1) };
  const start = table.chains.get(chainName);
  if (!start) return { verdicts: new Map([['accept', -1]]), primary: 'accept', primaryLine: -1 };
  solveChains(ev, start);
  return outcomesOf(start, chainFlows(ev, start));
}

/**
 * For one packet: whether it may come back from a user chain (fall off its end or meet RETURN), so
 * the walk goes on after a jump to it. The chains solved are shared by every question asked.
 */
export function returnsFrom(table: TableModel, packet: Packet): (chain: string) => boolean {
  const verdictsOnly = !namesNonTerminating(table);
  const key = verdictsOnly ? packetKey(packet) : `${packetKey(packet)}|all`;
  const ev: Evaluation = { table, packet, key, verdictsOnly, memo: new Map(), cycle: only('unknown', -1) };
  return (name) => {
    const chain = table.chains.get(name);
    if (!chain) return true;
    solveChains(ev, chain);
    return chainFlows(ev, chain).flows.has('return');
  };
}

/** One evaluation of a chain for a packet: what it walks, and the flows of each chain solved so far. */
interface Evaluation {
  readonly table: TableModel;
  readonly packet: Packet;
  /** The packet's key among a chain's kept walks. */
  readonly key: string;
  readonly verdictsOnly: boolean;
  /** The flows of each chain solved, by name. */
  readonly memo: Map<string, FlowSet>;
  /** What a chain met again while it is solved leads to: it is part of a jump loop. */
  readonly cycle: FlowSet;
}

interface Frame {
  chain: ChainModel;
  exit: boolean;
}

/**
 * Solves `root` and every chain it may jump to, post-order over the jump graph with an explicit
 * stack: 10k chained jumps must not overflow. A chain's rules are matched on the way in (stopping
 * after the first one that surely decides), and only the chains that a possibly-matching rule jumps
 * to are solved.
 */
function solveChains(ev: Evaluation, root: ChainModel): void {
  const { memo } = ev;
  // Per chain: the positions of the rules that may match, with their verdicts.
  const matched = new Map<string, Walk>();
  const onStack = new Set<string>();
  const stack: Frame[] = [{ chain: root, exit: false }];
  while (stack.length) {
    const { chain, exit } = stack.pop() as Frame;
    if (exit) {
      const rules = chain.rules;
      const found = matched.get(chain.name) ?? { at: [], tri: [] };
      let next: FlowSet = only('return', -1);
      for (let k = found.at.length - 1; k >= 0; k--) next = step(ev, rules[found.at[k]], found.tri[k], next);
      memo.set(chain.name, next);
      matched.delete(chain.name);
      onStack.delete(chain.name);
      continue;
    }
    if (memo.has(chain.name) || onStack.has(chain.name)) continue;
    onStack.add(chain.name);
    stack.push({ chain, exit: true });
    const found = keptWalk(ev, chain);
    for (let k = 0; k < found.at.length; k++) {
      const sub = subChain(ev.table, chain.rules[found.at[k]]);
      if (sub && !memo.has(sub.name) && !onStack.has(sub.name)) stack.push({ chain: sub, exit: false });
    }
    matched.set(chain.name, found);
  }
}

/** The walk of `chain` for the packet: the one its snapshot keeps, or a new one, kept where it is small. */
function keptWalk(ev: Evaluation, chain: ChainModel): Walk {
  const snapshot = chainSnapshot(chain);
  let found = snapshot?.walks.get(ev.key);
  if (!found) {
    found = walkChain(chain, ev.packet, snapshot, ev.verdictsOnly);
    if (snapshot && found.at.length <= MAX_KEPT_WALK) {
      if (snapshot.walks.size >= MAX_WALKS_PER_CHAIN) snapshot.walks.clear();
      snapshot.walks.set(ev.key, found);
    }
  }
  return found;
}

/** The user chain a rule jumps or goes to, if any. */
function subChain(table: TableModel, line: RuleLine): ChainModel | undefined {
  const name = line.rule.target?.name?.value;
  const sub = name ? table.chains.get(name) : undefined;
  return sub && !sub.builtin ? sub : undefined;
}

// A chain still being solved when it is needed again is part of a jump loop, which the kernel refuses.
const chainFlows = (ev: Evaluation, chain: ChainModel): FlowSet => ev.memo.get(chain.name) ?? ev.cycle;

/** The flows from a rule on, given how it matches and the flows of the rules after it. */
function step(ev: Evaluation, line: RuleLine, m: Tri, rest: FlowSet): FlowSet {
  if (m === 'no') return rest;
  // A rule that may decide what the rest already may decide adds nothing: no new flow set.
  if (m === 'maybe') {
    const flow = TERMINAL_FLOWS[line.rule.target?.name?.value ?? ''];
    if (flow !== undefined && !line.rule.target?.goto && rest.flows.has(flow)) return rest;
  }
  const own = ruleFlows(ev, line, rest);
  if (m === 'yes') return own;
  return union(rest, own);
}

/** The flows of a packet the rule matches, given the flows of the rules after it. */
function ruleFlows(ev: Evaluation, line: RuleLine, rest: FlowSet): FlowSet {
  const target = line.rule.target;
  const name = target?.name?.value;
  if (!target || !name) return rest;
  const here = line.index;
  switch (name) {
    case 'ACCEPT':
      return only('accept', here);
    case 'DROP':
      return only('drop', here);
    case 'REJECT':
      return only('reject', here);
    case 'RETURN':
      return only('return', here);
    default:
      break;
  }
  const sub = ev.table.chains.get(name);
  if (sub && !sub.builtin) {
    const sub$ = chainFlows(ev, sub);
    const back = sub$.flows.get('return');
    if (back === undefined) return sub$;
    const out = new Map(sub$.flows);
    out.delete('return');
    // Back from a jump the walk goes on; back from a goto it leaves this chain too.
    const after = target.goto ? only('return', back) : rest;
    if (out.size === 0) return after;
    return sub$.primary === 'return' ? union(after, { flows: out, primary: after.primary }) : union({ flows: out, primary: sub$.primary }, after);
  }
  if (NON_TERMINATING.has(name)) return rest;
  return only('unknown', here);
}

/** The verdicts of a chain's flows: falling off the end (or RETURN) of a built-in chain meets its policy. */
function outcomesOf(start: ChainModel, result: FlowSet): Outcomes {
  const policyLine = start.policy ? start.policy.line.index : -1;
  const policy = policyVerdict(start.policy?.value);
  const verdicts = new Map<Verdict, number>();
  const settle = (flow: Flow, at: number): [Verdict, number] => (flow === 'return' ? [policy, policyLine] : [flow, at]);
  const [primary, primaryLine] = settle(result.primary, result.flows.get(result.primary) ?? -1);
  verdicts.set(primary, primaryLine);
  for (const [flow, at] of result.flows) {
    const [v, line] = settle(flow, at);
    if (!verdicts.has(v)) verdicts.set(v, line);
  }
  return { verdicts, primary, primaryLine };
}

function namesNonTerminating(table: TableModel): boolean {
  for (const name of NON_TERMINATING) if (table.chains.get(name)?.builtin === false) return true;
  return false;
}

function policyVerdict(value: string | undefined): Verdict {
  if (value === undefined || value === 'ACCEPT') return 'accept';
  if (value === 'DROP') return 'drop';
  return 'unknown';
}

/** Both sets of flows; where both reach a flow, `a`'s deciding line is kept, and `a` names the default path. */
function union(a: FlowSet, b: FlowSet): FlowSet {
  // Often nothing new: a chain of "maybe" drops adds no flow the rest does not have already.
  let adds = false;
  for (const k of b.flows.keys()) if (!a.flows.has(k)) adds = true;
  if (!adds) return a;
  const flows = new Map(a.flows);
  for (const [k, v] of b.flows) if (!flows.has(k)) flows.set(k, v);
  return { flows, primary: a.primary };
}
