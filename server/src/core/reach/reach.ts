// Whether a new TCP connection from another machine reaches a local service and completes: the
// SYN in INPUT, the SYN-ACK in OUTPUT, then both directions of an established connection.
import { parseNetwork, type Network } from '../net/address';
import { evaluateChain, portsOf, TCP_FLAG_BITS, type Outcomes, type Packet, type Verdict } from './evaluate';
import type { ParsedFile, RuleLine } from '../syntax/model';
import { markNumericList } from '../net/ports';
import { namedPortsOf } from './named-ports';
import { tableOf, type TableModel } from '../syntax/ruleset';
import { outcomesOfBranches, pathOf, pathTables, walkPath, type Branch, type Visit } from './path-walk';
import { PORT_OPTION_NAMES, SINGLE_PORT_OPTIONS } from '../kb/port-options';

/** A client somewhere on the internet: an address no rule of the file names. */
export const ANYWHERE = 'anywhere';

export type ConnectionVerdict = 'accept' | 'drop' | 'reject' | 'half-open';

export interface ReachQuery {
  port: number;
  /** The client's address; ANYWHERE: an address the file does not name; undefined: not known. */
  from?: string;
  /** The interface the client's packets arrive on; undefined: some non-loopback interface. */
  iface?: string;
  /** This host's address, when known. */
  to?: string;
}

export interface ReachStep {
  hook: 'INPUT' | 'OUTPUT';
  packet: 'SYN' | 'SYN-ACK' | 'ACK' | 'client data' | 'server data';
  outcomes: Outcomes;
  /** The tables' chains the packet met on the default path (those with rules or a policy that is not ACCEPT). */
  visits: Visit[];
}

export interface Reach {
  port: number;
  /** What happens on the default path (no undecidable match holding). */
  verdict: ConnectionVerdict;
  /** Every verdict the connection may meet; more than one when a match could not be decided. */
  possible: ConnectionVerdict[];
  /** 0-based lines that decide each step on the default path (policies included). */
  decidedBy: number[];
  /** For a half-open verdict: the chain that drops the rest of the connection. */
  brokenIn?: 'INPUT' | 'OUTPUT';
  /** For a reject, or a half-open connection a REJECT breaks: `--reject-with` of that rule (or the kernel's default). */
  rejectWith?: string;
  /** The REJECT's answer is itself dropped in OUTPUT, so the client never hears of it. */
  rejectAnswerDropped?: boolean;
  /** IPv6: neighbour discovery fails first, its solicitation dropped in INPUT or this host's advertisement in OUTPUT. */
  neighbourBlockedIn?: 'INPUT' | 'OUTPUT';
  steps: ReachStep[];
}

const STEPS: ReadonlyArray<{ hook: 'INPUT' | 'OUTPUT'; packet: ReachStep['packet']; state: 'NEW' | 'ESTABLISHED'; flags: number }> = [
  { hook: 'INPUT', packet: 'SYN', state: 'NEW', flags: TCP_FLAG_BITS.SYN },
  { hook: 'OUTPUT', packet: 'SYN-ACK', state: 'ESTABLISHED', flags: TCP_FLAG_BITS.SYN | TCP_FLAG_BITS.ACK },
  { hook: 'INPUT', packet: 'ACK', state: 'ESTABLISHED', flags: TCP_FLAG_BITS.ACK },
  { hook: 'OUTPUT', packet: 'server data', state: 'ESTABLISHED', flags: TCP_FLAG_BITS.PSH | TCP_FLAG_BITS.ACK },
  { hook: 'INPUT', packet: 'client data', state: 'ESTABLISHED', flags: TCP_FLAG_BITS.PSH | TCP_FLAG_BITS.ACK },
];

/** The filter table the kernel ends up with, shared by every query on the same parse. */
export function filterTable(file: ParsedFile): TableModel | undefined {
  return tableOf(file, 'filter');
}

/** The table and chain whose verdict ended the step on the default path (undefined: it got through). */
export function decidingStop(step: ReachStep): Visit | undefined {
  const last = step.visits[step.visits.length - 1];
  return last && last.verdict !== 'accept' ? last : undefined;
}

const otherPorts = new WeakMap<ParsedFile, number>();

/** A TCP port that no port option of the file names: what "every other port" meets. */
export function unnamedPort(file: ParsedFile): number {
  let port = otherPorts.get(file);
  if (port !== undefined) return port;
  // The parse marked the port of every rule that names one; only the rules with lists or ranges are read.
  const index = namedPortsOf(file);
  const named = index.lists.length ? index.marked.slice() : index.marked;
  for (const line of index.lists) {
    for (const m of line.rule.matches) {
      for (const o of m.options) {
        if (PORT_OPTION_NAMES.has(o.name)) {
          const text = o.args[0]?.value ?? '';
          // A single-port option with a list in it does not load: parsing it marks nothing.
          const single = SINGLE_PORT_OPTIONS.has(o.name) && text.includes(',');
          if (single || !markNumericList(text, named)) for (const item of portsOf(o) ?? []) named.fill(1, item.low, item.high + 1);
        }
      }
    }
  }
  port = 40999;
  for (let p = 40999; p > 1024; p -= 997) {
    if (!named[p]) {
      port = p;
      break;
    }
  }
  otherPorts.set(file, port);
  return port;
}

function address(text: string | undefined): Network | undefined {
  return text === undefined ? undefined : parseNetwork(text);
}

/** Answers kept per parse and query: several checks, the code lens and hovers ask the same things. */
function perQuery<T>(cache: WeakMap<ParsedFile, Map<string, T>>, file: ParsedFile, q: ReachQuery, compute: () => T): T {
  let known = cache.get(file);
  if (!known) cache.set(file, (known = new Map()));
  const key = `${q.port}|${q.from ?? ''}|${q.iface ?? ''}|${q.to ?? ''}`;
  let answer = known.get(key);
  if (answer === undefined) known.set(key, (answer = compute()));
  return answer;
}

/** What the query says of every packet of the connection: ports, addresses, interface. */
function basePacket(file: ParsedFile, q: ReachQuery): Pick<Packet, 'family' | 'localPort' | 'peer' | 'self' | 'iface'> {
  return { family: file.family === 'ipv6' ? 6 : 4, localPort: q.port, peer: q.from === ANYWHERE ? 'unnamed' : address(q.from), self: address(q.to), iface: q.iface };
}

const answers = new WeakMap<ParsedFile, Map<string, Reach>>();

/** What a new TCP connection from another machine to `q.port` meets; asked once per parse and query. */
export function reach(file: ParsedFile, q: ReachQuery): Reach {
  return perQuery(answers, file, q, () => computeReach(file, q));
}

/** What the connection keeps from packet to packet: its mark, its translation, whether it is tracked. */
interface Conn {
  ctmark: number | undefined;
  /** The service's port after a DNAT or REDIRECT (the asked port when none). */
  port: number;
  dnat: boolean;
  /** nat INPUT translated the client's address: replies are translated back only while tracked. */
  snat: boolean;
  /**
   * A packet was not tracked: `first` the SYN (conntrack's view of the later ones is not known),
   * `reply` the SYN-ACK of a tracked SYN (the client's next packets are INVALID to conntrack),
   * `later` another one (not known).
   */
  untracked: 'no' | 'first' | 'reply' | 'later';
  primary: boolean;
}

/** The way a packet of the connection takes: over lo both ways at once. */
const wayOf = (q: ReachQuery, hook: 'INPUT' | 'OUTPUT'): 'in' | 'out' | 'loop' => (q.iface === 'lo' ? 'loop' : hook === 'INPUT' ? 'in' : 'out');

/** The state conntrack gives a packet of the connection, from what happened to the ones before. */
function stateOf(s: (typeof STEPS)[number], c: Conn): Packet['state'] {
  if (c.untracked === 'no') return s.state;
  // Conntrack saw the SYN but not the SYN-ACK: the client's ACK does not fit a connection still waiting for it.
  if (c.untracked === 'reply' && s.hook === 'INPUT') return 'INVALID';
  return 'unsure';
}

function stepPacket(base: ReturnType<typeof basePacket>, s: (typeof STEPS)[number], c: Conn, first: boolean): Packet {
  // The client's packets carry the asked port until nat's hook translates them; the server's the real one.
  const localPort = s.hook === 'OUTPUT' ? c.port : base.localPort;
  // Written out field by field: one object shape for every packet keeps the walks' property reads fast.
  return {
    hook: s.hook, family: base.family, localPort, peer: base.peer, self: base.self, iface: base.iface, state: stateOf(s, c), flags: s.flags,
    mark: 0, ctmark: first ? 0 : c.ctmark, dnat: first ? false : c.dnat, snat: first ? false : c.snat,
  };
}

function connAfter(c: Conn, b: Branch, step: number): Conn {
  const p = b.packet;
  const lost = p.state === 'UNTRACKED';
  const untracked = c.untracked !== 'no' || !lost ? c.untracked : step === 0 ? 'first' : step === 1 ? 'reply' : 'later';
  return {
    ctmark: lost ? c.ctmark : p.ctmark,
    port: step === 0 && p.hook === 'INPUT' ? p.localPort : c.port,
    dnat: step === 0 ? !!p.dnat : c.dnat,
    snat: step === 0 ? !!p.snat : c.snat,
    untracked,
    primary: c.primary && b.primary,
  };
}

const connKey = (c: Conn): string => `${c.ctmark}|${c.port}|${c.dnat}|${c.snat}|${c.untracked}|${c.primary}`;

/**
 * A reply of a translated connection that raw exempted from tracking leaves untranslated: the
 * client gets it from the wrong port or sends nothing back to the wrong address, as if dropped.
 */
function untranslatedReplies(found: Branch[], c: Conn, hook: 'INPUT' | 'OUTPUT'): Branch[] {
  if (hook !== 'OUTPUT' || !(c.dnat || c.snat)) return found;
  return found.map((b) => (b.verdict === 'accept' && b.packet.state === 'UNTRACKED' ? { ...b, verdict: 'drop', line: b.packet.untrackedBy ?? b.line } : b));
}

/** Every packet of the connection through every table, each step from where the ones before left it. */
function walkSteps(file: ParsedFile, q: ReachQuery): { steps: ReachStep[]; conns: Conn[] } {
  const tables = pathTables(file);
  const base = basePacket(file, q);
  const steps: ReachStep[] = [];
  let conns: Conn[] = [{ ctmark: 0, port: q.port, dnat: false, snat: false, untracked: 'no', primary: true }];
  let after: Conn[] = conns;
  for (const [i, s] of STEPS.entries()) {
    const branches: Branch[] = [];
    const next = new Map<string, Conn>();
    for (const c of conns) {
      const packet = stepPacket(base, s, c, i === 0);
      const walked = walkPath(tables, pathOf(wayOf(q, s.hook)), packet, { state: packet.state, natPort: i === 0 ? undefined : c.port }, c.primary);
      const found = untranslatedReplies(walked, c, s.hook);
      branches.push(...found);
      for (const b of found) if (b.verdict === 'accept') {
        const n = connAfter(c, b, i);
        next.set(connKey(n), n);
      }
    }
    const primary = branches.find((b) => b.primary);
    steps.push({ hook: s.hook, packet: s.packet, outcomes: outcomesOfBranches(branches), visits: primary?.visits ?? [] });
    if (i === 0) after = [...next.values()];
    // A packet dropped on every way still leaves the next step something to ask about.
    const carried = next.size ? [...next.values()] : conns;
    if (!carried.some((c) => c.primary)) carried[0] = { ...carried[0], primary: true };
    conns = carried;
  }
  return { steps, conns: after.length ? after : [conns[0]] };
}

function computeReach(file: ParsedFile, q: ReachQuery): Reach {
  const { steps, conns } = walkSteps(file, q);
  const tables = pathTables(file);
  const base = basePacket(file, q);
  const syn0 = conns.find((c) => c.primary) ?? conns[0];

  // A REJECT's answer (a reset, or an ICMP error that conntrack calls RELATED) goes out through OUTPUT.
  const answerOf = (lineIndex: number): { type: string; out: Outcomes } => {
    const type = rejectType(file, lineIndex);
    const reset = /^tcp-(reset|rst)$/.test(type);
    const state = syn0.untracked !== 'no' ? 'unsure' : 'RELATED';
    const packet: Packet = { ...base, hook: 'OUTPUT', state, protocol: reset ? 'tcp' : 'icmp', flags: TCP_FLAG_BITS.RST | TCP_FLAG_BITS.ACK, localPort: syn0.port, mark: 0, ctmark: syn0.ctmark };
    return { type, out: outcomesOfBranches(walkPath(tables, pathOf(wayOf(q, 'OUTPUT')), packet, { state })) };
  };

  // IPv6 needs neighbour discovery: with the solicitations dropped, no connection starts at all.
  // Over lo there is no neighbour to discover.
  const gate = file.family === 'ipv6' && q.iface !== 'lo' ? neighbourGate(file, q) : undefined;
  const nd = gate?.outcomes;
  const possible = possibleVerdicts(steps, answerOf);
  // Neighbour discovery that may fail leaves the client silence.
  if (nd && [...nd.verdicts.keys()].some((v) => v !== 'accept')) possible.add('drop');
  const decidedBy: number[] = [];
  const note = (o: Outcomes): void => {
    if (o.primaryLine >= 0 && !decidedBy.includes(o.primaryLine)) decidedBy.push(o.primaryLine);
  };
  const syn = steps[0].outcomes;
  note(syn);
  let verdict: ConnectionVerdict;
  let brokenIn: 'INPUT' | 'OUTPUT' | undefined;
  let rejectWith: string | undefined;
  let rejectAnswerDropped: boolean | undefined;
  let neighbourBlockedIn: 'INPUT' | 'OUTPUT' | undefined;
  const answer = (lineIndex: number): void => {
    const a = answerOf(lineIndex);
    rejectWith = a.type;
    rejectAnswerDropped = a.out.primary !== 'accept';
    if (rejectAnswerDropped) note(a.out);
  };
  if (nd && nd.primary !== 'accept') {
    verdict = 'drop';
    neighbourBlockedIn = gate?.hook;
    decidedBy.length = 0;
    note(nd);
    possible.add('drop');
    if (!nd.verdicts.has('accept') && !nd.verdicts.has('unknown')) {
      possible.clear();
      possible.add('drop');
    }
  } else if (syn.primary !== 'accept') {
    verdict = syn.primary === 'reject' ? 'reject' : 'drop';
    if (verdict === 'reject') {
      answer(syn.primaryLine);
      if (rejectAnswerDropped) verdict = 'drop';
    }
  } else {
    const broken = steps.slice(1).find((s) => s.outcomes.primary !== 'accept');
    for (const s of steps.slice(1)) {
      note(s.outcomes);
      if (s === broken) break;
    }
    verdict = broken ? 'half-open' : 'accept';
    brokenIn = broken?.hook;
    if (broken?.hook === 'INPUT' && broken.outcomes.primary === 'reject') answer(broken.outcomes.primaryLine);
  }
  return { port: q.port, verdict, possible: [...possible], decidedBy, brokenIn, rejectWith, rejectAnswerDropped, neighbourBlockedIn, steps };
}

// An unknown verdict (a queue, an unknown target) may accept or drop.
const may = (o: Outcomes, v: Verdict): boolean => o.verdicts.has(v) || (v !== 'reject' && o.verdicts.has('unknown'));

/** Every verdict the connection may meet, over every way an undecidable match may go. */
function possibleVerdicts(steps: ReachStep[], answerOf: (line: number) => { out: Outcomes }): Set<ConnectionVerdict> {
  const possible = new Set<ConnectionVerdict>();
  const [syn, ...rest] = steps.map((s) => s.outcomes);
  if (may(syn, 'drop')) possible.add('drop');
  if (may(syn, 'reject')) {
    // The server refuses, but when OUTPUT drops the answer the client only ever sees silence.
    const { out } = answerOf(syn.verdicts.get('reject') ?? -1);
    if (may(out, 'accept')) possible.add('reject');
    if (may(out, 'drop') || may(out, 'reject')) possible.add('drop');
  }
  if (may(syn, 'accept')) {
    if (rest.some((o) => may(o, 'drop') || may(o, 'reject'))) possible.add('half-open');
    if (rest.every((o) => may(o, 'accept'))) possible.add('accept');
  }
  return possible;
}

const restCache = new WeakMap<ParsedFile, Map<string, boolean>>();

/**
 * Whether everything after the SYN (the SYN-ACK, the handshake's ACK, data both ways) is surely
 * accepted: then no client can be left half-open, whatever happens to its SYN. Much cheaper than
 * `reach` when only filter has rules, since an early ESTABLISHED accept settles it.
 */
export function restOfConnectionAccepted(file: ParsedFile, q: ReachQuery): boolean {
  return perQuery(restCache, file, q, () => {
    const filter = filterTable(file);
    const sure = (o: Outcomes): boolean => o.verdicts.size === 1 && o.primary === 'accept';
    if (!pathTables(file).filterOnly || q.iface === 'lo') return reach(file, q).steps.slice(1).every((s) => sure(s.outcomes));
    const base = basePacket(file, q);
    return !filter || STEPS.slice(1).every((s) => sure(evaluateChain(filter, s.hook, { ...base, hook: s.hook, state: s.state, flags: s.flags, mark: 0, ctmark: 0, dnat: false })));
  });
}

const ndCache = new WeakMap<ParsedFile, Map<string, Outcomes>>();

/**
 * What the chains do with a neighbour solicitation (ICMPv6 135) or advertisement (136), untracked by
 * conntrack: in INPUT from a neighbour's link-local address (a solicitation to this host's
 * solicited-node group), in OUTPUT from this host (a solicitation to a neighbour's group, an
 * advertisement to a neighbour's link-local address).
 */
export function neighbourDiscovery(file: ParsedFile, type = 135, hook: 'INPUT' | 'OUTPUT' = 'INPUT'): Outcomes {
  let known = ndCache.get(file);
  if (!known) ndCache.set(file, (known = new Map()));
  const key = `${hook}${type}`;
  const cached = known.get(key);
  if (cached) return cached;
  const group = parseNetwork('ff02::1:ff00:1');
  const neighbour = parseNetwork('fe80::1');
  const packet: Packet = hook === 'INPUT'
    ? { hook, localPort: 0, state: 'UNTRACKED', protocol: 'icmp', icmpType: type, flags: 0, peer: neighbour, self: group, mark: 0 }
    : { hook, localPort: 0, state: 'UNTRACKED', protocol: 'icmp', icmpType: type, flags: 0, peer: type === 135 ? group : neighbour, mark: 0 };
  const out: Outcomes = outcomesOfBranches(walkPath(pathTables(file), pathOf(hook === 'INPUT' ? 'in' : 'out'), packet, { state: 'UNTRACKED' }));
  known.set(key, out);
  return out;
}

/**
 * Neighbour discovery before an IPv6 connection (both messages untracked): the solicitation comes
 * in (from the client's own address when it is on the link, from a router's link-local one when
 * not), and this host's advertisement goes back out. Undefined when both get through surely.
 */
function neighbourGate(file: ParsedFile, q: ReachQuery): { outcomes: Outcomes; hook: 'INPUT' | 'OUTPUT' } | undefined {
  const tables = pathTables(file);
  const concrete = q.from !== undefined && q.from !== ANYWHERE ? address(q.from) : undefined;
  // A client named with its interface is on that link and solicits from its own address; one
  // without may be behind a router, which solicits from its link-local one.
  const sources = concrete && q.iface ? [concrete] : [...(concrete ? [concrete] : []), parseNetwork('fe80::1')];
  const walk = (hook: 'INPUT' | 'OUTPUT'): Outcomes => {
    const branches = sources.flatMap((peer, i) => {
      const packet: Packet = hook === 'INPUT'
        ? { hook, localPort: 0, state: 'UNTRACKED', protocol: 'icmp', icmpType: 135, flags: 0, peer, self: parseNetwork('ff02::1:ff00:1'), iface: q.iface, mark: 0 }
        : { hook, localPort: 0, state: 'UNTRACKED', protocol: 'icmp', icmpType: 136, flags: 0, peer, self: address(q.to), iface: q.iface, mark: 0 };
      return walkPath(tables, pathOf(hook === 'INPUT' ? 'in' : 'out'), packet, { state: 'UNTRACKED' }, i === 0);
    });
    return outcomesOfBranches(branches);
  };
  const solicitation = walk('INPUT');
  if (solicitation.primary !== 'accept' || solicitation.verdicts.size > 1) return { outcomes: solicitation, hook: 'INPUT' };
  const advertisement = walk('OUTPUT');
  return advertisement.primary !== 'accept' || advertisement.verdicts.size > 1 ? { outcomes: advertisement, hook: 'OUTPUT' } : undefined;
}

function rejectType(file: ParsedFile, lineIndex: number): string {
  const line = file.lines[lineIndex];
  const fallback = file.family === 'ipv6' ? 'icmp6-port-unreachable' : 'icmp-port-unreachable';
  if (!line || line.kind !== 'rule') return fallback;
  return (line as RuleLine).rule.target?.options.find((o) => o.name === 'reject-with')?.args[0]?.value ?? fallback;
}
