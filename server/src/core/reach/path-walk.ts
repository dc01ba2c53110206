// One packet's way through every table on its path, in netfilter's order: raw (which may exempt it
// from connection tracking), mangle (marks), nat (a new connection's destination port), filter and
// security. Tables other than filter may change the packet, so a match that cannot be decided forks
// the walk: each branch is a packet as a later table sees it, with the verdict it met.
import { LOCAL_IN_PATH, LOCAL_OUT_PATH, type PathStop, type TableName } from '../kb/tables';
import type { OptionUse, ParsedFile, RuleLine } from '../syntax/model';
import { parseNetwork } from '../net/address';
import { tableOf, type ChainModel, type TableModel } from '../syntax/ruleset';
import { evaluateChain, matchRule, NON_TERMINATING, type Outcomes, type Packet, type Verdict } from './evaluate';
import { connmarkCopy, markAfter } from './marks';

/** What one table's chain did to the packet on the default path, for the explanation. */
export interface Visit {
  table: TableName;
  chain: string;
  /** `accept`: the packet goes on to the next table. */
  verdict: Verdict;
  /** The line that decided (-1: fell through an ACCEPT policy, or none). */
  line: number;
  /** What the chain changed: `REDIRECT to tcp/80 (line 5)`, `NOTRACK (line 3)`, `mark 0x1 (line 7)`. */
  changes: string[];
}

/** Where a packet ends: a verdict (accept: through every table), the deciding line, and the packet as it then is. */
export interface Branch {
  packet: Packet;
  verdict: Verdict;
  line: number;
  /** The branch taken when no undecidable match holds. */
  primary: boolean;
  visits: Visit[];
}

/** The tables of a file a packet may meet; absent ones are skipped. */
export interface PathTables {
  tables: Partial<Record<TableName, TableModel>>;
  /** Only filter has anything to say: the walk is filter's evaluation alone. */
  filterOnly: boolean;
}

const tablesCache = new WeakMap<ParsedFile, PathTables>();
const NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/** A built-in chain that lets everything through unchanged: no rules, and an ACCEPT policy (or none). */
function passes(chain: ChainModel | undefined): boolean {
  return !chain || (chain.rules.length === 0 && (chain.policy?.value ?? 'ACCEPT') === 'ACCEPT');
}

export function pathTables(file: ParsedFile): PathTables {
  let known = tablesCache.get(file);
  if (known) return known;
  const tables: Partial<Record<TableName, TableModel>> = {};
  for (const name of NAMES) {
    const t = tableOf(file, name);
    if (t) tables[name] = t;
  }
  const stops = [...LOCAL_IN_PATH, ...LOCAL_OUT_PATH].filter((s) => s.table !== 'filter');
  const filterOnly = stops.every((s) => passes(tables[s.table]?.chains.get(s.chain)));
  tablesCache.set(file, (known = { tables, filterOnly }));
  return known;
}

/** At most this many packets are followed at once; beyond, the rest may meet anything (`unknown`). */
const MAX_BRANCHES = 16;
/** Deeper jumps than this are a loop the kernel would have refused. */
const MAX_DEPTH = 64;

type End = Verdict | 'return' | 'continue';
interface Ended {
  packet: Packet;
  end: End;
  line: number;
  primary: boolean;
  changes: string[];
}

/** The walk of one chain: the packets that leave it (RETURN, or off its end) or meet a verdict. */
function runChain(table: TableModel, chain: ChainModel, start: Ended, depth: number): Ended[] {
  if (depth > MAX_DEPTH) return [{ ...start, end: 'unknown', line: -1, primary: start.primary }];
  let live: Ended[] = [start];
  let done: Ended[] = [];
  for (const line of chain.rules) {
    const next: Ended[] = [];
    for (const b of live) {
      const m = matchRule(line.rule, b.packet);
      if (m === 'no') {
        next.push(b);
        continue;
      }
      if (m === 'maybe') next.push(b);
      for (const r of applyRule(table, line, { ...b, primary: b.primary && m === 'yes' }, depth)) (r.end === 'continue' ? next : done).push(r);
    }
    live = next;
    if (live.length + done.length > MAX_BRANCHES) [live, done] = capped(live, done);
    if (!live.length) break;
  }
  for (const b of live) done.push({ ...b, end: 'return', line: -1 });
  return done;
}

/** Too many packets to follow: only the default path's goes on, and the others may meet anything. */
function capped(live: Ended[], done: Ended[]): [Ended[], Ended[]] {
  const other = [...done, ...live].find((b) => !b.primary);
  const kept = done.filter((b) => b.primary);
  if (other) kept.push({ ...other, end: 'unknown', line: -1 });
  return [live.filter((b) => b.primary), kept];
}

/** What a rule that matches does: a verdict, a jump, or a change to the packet before it goes on. */
function applyRule(table: TableModel, line: RuleLine, b: Ended, depth: number): Ended[] {
  const target = line.rule.target;
  const name = target?.name?.value;
  if (!target || !name) return [{ ...b, end: 'continue' }];
  const verdicts: Record<string, End> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return' };
  if (verdicts[name]) return [{ ...b, end: verdicts[name], line: line.index }];
  const sub = table.chains.get(name);
  if (sub && !sub.builtin) {
    const out = runChain(table, sub, b, depth + 1);
    // Back from a jump the walk goes on; back from a goto it leaves the calling chain too.
    return out.map((r) => (r.end === 'return' ? { ...r, end: target.goto ? 'return' : 'continue', line: -1 } : r));
  }
  const changed = changePacket(line, b.packet);
  if (changed) return [{ ...b, packet: changed.packet, end: changed.end, line: line.index, changes: [...b.changes, `${changed.what} (line ${line.index + 1})`] }];
  if (NON_TERMINATING.has(name)) return [{ ...b, end: 'continue' }];
  return [{ ...b, end: 'unknown', line: line.index }];
}

const optionOf = (line: RuleLine, name: string): string | undefined => line.rule.target?.options.find((o) => o.name === name)?.args[0]?.value;

/** A port or `low-high` range as NAT targets write it; a range picks a port the walk cannot know. */
function natPort(text: string | undefined): number | 'range' | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,5}$/.test(text)) return 'range';
  const n = Number(text);
  return n <= 65535 ? n : 'range';
}

/** DNAT's `--to-destination`: the address (undefined when only a port is given) and the port part. */
function dnatTarget(text: string): { address: string | undefined; port: string | undefined } {
  // `[2001:db8::1]:80`: an IPv6 address in brackets, then the port part.
  const close = text.startsWith('[') ? text.indexOf(']') : -1;
  if (close > 0) return { address: text.slice(1, close), port: text[close + 1] === ':' ? text.slice(close + 2) : undefined };
  const colons = text.split(':').length - 1;
  // An IPv6 address without brackets has no port part.
  if (colons > 1) return { address: text, port: undefined };
  const [address, port] = colons === 1 ? text.split(':') : [text, undefined];
  return { address: address === '' ? undefined : address, port };
}

/** Targets that change the packet or its connection; undefined for any other. */
function changePacket(line: RuleLine, p: Packet): { packet: Packet; end: End; what: string } | undefined {
  const name = line.rule.target?.name?.value;
  const options = line.rule.target?.options ?? [];
  switch (name) {
    case 'NOTRACK':
      return { packet: { ...p, state: 'UNTRACKED', untrackedBy: line.index }, end: 'continue', what: 'NOTRACK: not tracked' };
    case 'CT':
      if (!options.some((o) => o.name === 'notrack')) return { packet: p, end: 'continue', what: 'CT' };
      return { packet: { ...p, state: 'UNTRACKED', untrackedBy: line.index }, end: 'continue', what: 'CT --notrack: not tracked' };
    case 'MARK': {
      const m = markAfter(options, p.mark);
      return { packet: { ...p, mark: m.mark }, end: 'continue', what: `mark ${m.mark === undefined ? 'not known' : `0x${m.mark.toString(16)}`}` };
    }
    case 'CONNMARK':
      return connmark(options, p);
    case 'REDIRECT':
    case 'DNAT':
      return translate(line, p);
    case 'SNAT':
    case 'MASQUERADE':
    case 'NETMAP':
      // The source of a connection to this host: filter sees the reply un-translated.
      return { packet: { ...p, snat: true }, end: 'accept', what: name };
    default:
      return undefined;
  }
}

function connmark(options: readonly OptionUse[], p: Packet): { packet: Packet; end: End; what: string } {
  // No connection (untracked, or raw before tracking): nothing to mark.
  if (p.state === 'UNTRACKED') return { packet: p, end: 'continue', what: 'CONNMARK: no connection' };
  const copy = connmarkCopy(options, p.mark, p.ctmark);
  if (copy) return { packet: { ...p, ...copy }, end: 'continue', what: `CONNMARK: mark ${copy.mark ?? '?'}, connection mark ${copy.ctmark ?? '?'}` };
  const m = markAfter(options, p.ctmark);
  return { packet: { ...p, ctmark: m.set ? m.mark : p.ctmark }, end: 'continue', what: `connection mark ${m.mark ?? 'not known'}` };
}

/** REDIRECT and DNAT: the port later tables see; a connection sent to another host is not this walk's. */
function translate(line: RuleLine, p: Packet): { packet: Packet; end: End; what: string } {
  const name = line.rule.target?.name?.value;
  let port: number | 'range' | undefined;
  if (name === 'REDIRECT') port = natPort(optionOf(line, 'to-ports'));
  else {
    const to = dnatTarget(optionOf(line, 'to-destination') ?? '');
    if (to.address !== undefined) {
      // Only an address that is surely this host's keeps the connection here.
      if (!sameAddress(to.address, p)) return { packet: p, end: 'unknown', what: `DNAT to ${to.address}${p.self ? ', another host' : ''}` };
    }
    port = natPort(to.port);
  }
  if (port === 'range') return { packet: { ...p, dnat: true }, end: 'unknown', what: `${name} to a port range` };
  const localPort = port ?? p.localPort;
  return { packet: { ...p, localPort, dnat: true }, end: 'accept', what: `${name} to tcp/${localPort}` };
}

function sameAddress(text: string, p: Packet): boolean {
  const self = p.self;
  const to = parseNetwork(text);
  if (!self || !to || to.family !== self.family || to.prefix !== self.prefix) return false;
  return to.bytes.every((b, i) => b === self.bytes[i]);
}

/** The walk of a built-in chain: its rules, then its policy for what falls off the end. */
function runBuiltin(table: TableModel, chainName: string, b: Ended): Ended[] {
  const chain = table.chains.get(chainName);
  if (passes(chain)) return [{ ...b, end: 'accept', line: -1 }];
  const policy = chain?.policy?.value ?? 'ACCEPT';
  const policyEnd: End = policy === 'ACCEPT' ? 'accept' : policy === 'DROP' ? 'drop' : 'unknown';
  return runChain(table, chain as ChainModel, { ...b, changes: [] }, 0).map((r) => (r.end === 'return' || r.end === 'continue' ? { ...r, end: policyEnd, line: chain?.policy?.line.index ?? -1 } : r));
}

/** Filter's own evaluation (fast, shared by every query), as branches. */
function runFilter(table: TableModel, chainName: string, b: Ended): Ended[] {
  if (table.marking && (b.packet.mark !== undefined || b.packet.ctmark !== undefined)) b = { ...b, packet: { ...b.packet, mark: undefined, ctmark: undefined } };
  const o: Outcomes = evaluateChain(table, chainName, b.packet);
  return [...o.verdicts].map(([v, line]) => ({ ...b, end: v, line: v === o.primary ? o.primaryLine : line, primary: b.primary && v === o.primary, changes: [] }));
}

export interface WalkOptions {
  /** The connection's state once tracked (NEW for its first packet). */
  state: Packet['state'];
  /** For a packet after the first: the port a DNAT or REDIRECT sent the connection to (from nat PREROUTING on). */
  natPort?: number;
}

/** One stop: nat only for a connection's first packet; raw before tracking, so states are not known there. */
function runStop(tables: PathTables, stop: PathStop, b: Ended, o: WalkOptions): Ended[] {
  const table = tables.tables[stop.table];
  // A later packet of a translated connection: its destination port changes where nat's would.
  if (stop.table === 'nat' && stop.chain !== 'INPUT' && stop.chain !== 'POSTROUTING' && o.natPort !== undefined && b.packet.hook === 'INPUT' && o.natPort !== b.packet.localPort) {
    return [{ ...b, packet: { ...b.packet, localPort: o.natPort }, end: 'accept', line: -1, changes: [`translated as the first packet was, to tcp/${o.natPort}`] }];
  }
  if (!table) return [{ ...b, end: 'accept', line: -1 }];
  if (stop.table === 'filter') return runFilter(table, stop.chain, b);
  if (stop.table === 'nat') {
    const state = b.packet.state;
    if (state === 'NEW') return runBuiltin(table, stop.chain, b);
    // Not sure the packet opens a connection: both ways.
    if (state === 'unsure') return [{ ...b, end: 'accept', line: -1 }, ...runBuiltin(table, stop.chain, { ...b, primary: false })];
    return [{ ...b, end: 'accept', line: -1 }];
  }
  if (stop.table === 'raw') {
    const exempt = b.packet.state === 'UNTRACKED';
    const out = runBuiltin(table, stop.chain, { ...b, packet: { ...b.packet, state: 'unsure' } });
    // Tracking follows raw: the state is known again, unless a rule exempted the packet.
    return out.map((r) => ({ ...r, packet: { ...r.packet, state: exempt || r.packet.state === 'UNTRACKED' ? 'UNTRACKED' : o.state } }));
  }
  return runBuiltin(table, stop.chain, b);
}

/** The stops of a packet's way: arriving (`in`), leaving (`out`), or both over lo (a packet to this host itself). */
export function pathOf(way: 'in' | 'out' | 'loop'): readonly PathStop[] {
  return way === 'in' ? LOCAL_IN_PATH : way === 'out' ? LOCAL_OUT_PATH : [...LOCAL_OUT_PATH, ...LOCAL_IN_PATH.filter((s) => s.table !== 'nat')];
}

/**
 * Every way `packet` may end along `stops`, each with the verdict it met (accept: it got through).
 * Exactly one branch is the default path when `primary` is set.
 */
export function walkPath(tables: PathTables, stops: readonly PathStop[], packet: Packet, o: WalkOptions, primary = true): Branch[] {
  let live: Ended[] = [{ packet, end: 'continue', line: -1, primary, changes: [] }];
  const visits = new Map<Ended, Visit[]>([[live[0], []]]);
  const done: Branch[] = [];
  for (const [i, stop] of stops.entries()) {
    const next: Ended[] = [];
    const chain = tables.tables[stop.table]?.chains.get(stop.chain);
    const seen = !!chain && !passes(chain);
    // A chain that lets everything through unchanged is no stop at all (nor translates anything).
    if (!seen && stop.table !== 'filter') continue;
    for (const b of live) {
      const before = visits.get(b) ?? [];
      for (const r of runStop(tables, stop, { ...b, packet: sideFor(stops, i, b.packet) }, o)) {
        // nat is not asked again about a connection's later packets: nothing to tell unless it translates them.
        const told = seen && !(stop.table === 'nat' && r.end === 'accept' && r.line < 0 && !r.changes.length);
        const trail = told ? [...before, { table: stop.table, chain: stop.chain, verdict: r.end as Verdict, line: r.line, changes: r.changes }] : before;
        if (r.end === 'accept') {
          // What names the accept: filter's deciding line, else the first table's that had one.
          const line = r.line >= 0 && (stop.table === 'filter' || b.line < 0) ? r.line : b.line;
          const kept = { ...r, end: 'continue' as End, line, changes: [] };
          visits.set(kept, trail);
          next.push(kept);
        } else done.push({ packet: r.packet, verdict: r.end as Verdict, line: r.line, primary: r.primary, visits: trail });
      }
    }
    live = next.length + done.length > MAX_BRANCHES ? keepPrimary(next, done) : next;
  }
  for (const b of live) done.push({ packet: b.packet, verdict: 'accept', line: b.line, primary: b.primary, visits: visits.get(b) ?? [] });
  return done;
}

function keepPrimary(next: Ended[], done: Branch[]): Ended[] {
  const primary = next.filter((b) => b.primary);
  const dropped = next.find((b) => !b.primary);
  if (dropped) done.push({ packet: dropped.packet, verdict: 'unknown', line: -1, primary: false, visits: [] });
  return primary;
}

/** Which interface a stop knows: the leaving one in OUTPUT and POSTROUTING, the arriving one elsewhere. */
function sideFor(stops: readonly PathStop[], i: number, p: Packet): Packet {
  const side = stops[i].chain === 'OUTPUT' || stops[i].chain === 'POSTROUTING' ? 'out' : 'in';
  const natural = p.hook === 'INPUT' ? 'in' : 'out';
  const want = side === natural ? undefined : side;
  return p.side === want ? p : { ...p, side: want };
}

/** The branches as one step's outcomes: every verdict met, and the default path's. */
export function outcomesOfBranches(branches: readonly Branch[]): Outcomes {
  const primary = branches.find((b) => b.primary) ?? branches[0];
  const verdicts = new Map<Verdict, number>();
  if (primary) verdicts.set(primary.verdict, primary.line);
  for (const b of branches) if (!verdicts.has(b.verdict)) verdicts.set(b.verdict, b.line);
  return { verdicts, primary: primary?.verdict ?? 'accept', primaryLine: primary?.line ?? -1 };
}
