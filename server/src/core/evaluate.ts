import { isAnyNetwork, isLoopbackNetwork, parseNetwork } from './address';
import type { MatchUse, OptionUse, ParsedRule, RuleLine } from './model';
import { parsePortList, parsePortRange, portInItems } from './ports';
import type { ChainModel, TableModel } from './ruleset';

/** Three-valued truth: a match the evaluator cannot decide is `maybe`, never a wrong `no`. */
export type Tri = 'yes' | 'no' | 'maybe';

/** The first packet of a new TCP connection from somewhere outside the host, to `port`. */
export interface TcpProbe {
  port: number;
  /** The raw table may exempt packets from tracking (NOTRACK / CT): then their state is not surely NEW. */
  stateUnsure?: boolean;
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
const NON_TERMINATING = new Set([
  'LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TRACE', 'TCPMSS', 'TOS', 'DSCP', 'TTL',
  'HL', 'CLASSIFY', 'SET', 'AUDIT', 'CHECKSUM', 'SECMARK', 'CONNSECMARK', 'IDLETIMER', 'LED', 'RATEEST',
  'TEE', 'HMARK', 'TCPOPTSTRIP',
]);

const AND = (a: Tri, b: Tri): Tri => (a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes');
const NOT = (a: Tri): Tri => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe');
const neg = (o: OptionUse, t: Tri): Tri => (o.negation ? NOT(t) : t);

function coreMatch(o: OptionUse): Tri {
  const arg = o.args[0]?.value;
  if (arg === undefined) return 'maybe';
  switch (o.name) {
    case 'protocol': {
      const p = arg.toLowerCase();
      return neg(o, p === 'tcp' || p === '6' || p === 'all' || p === '0' ? 'yes' : 'no');
    }
    case 'source':
    case 'destination': {
      const n = parseNetwork(arg);
      if (!n) return 'maybe';
      // Traffic from outside never carries a loopback source or destination.
      if (isLoopbackNetwork(n)) return neg(o, 'no');
      return neg(o, isAnyNetwork(n) ? 'yes' : 'maybe');
    }
    case 'in-interface': {
      if (arg === 'lo') return neg(o, 'no');
      if (arg === '+') return neg(o, 'yes');
      return 'maybe';
    }
    case 'fragment':
      return neg(o, 'no');
    default:
      return 'maybe';
  }
}

// A SYN carries only the SYN flag.
const TCP_FLAG_BITS: Record<string, number> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128, ALL: 255, NONE: 0 };
function flagBits(list: string): number | undefined {
  let bits = 0;
  for (const f of list.split(',')) {
    const b = TCP_FLAG_BITS[f.toUpperCase()];
    if (b === undefined) return undefined;
    bits |= b;
  }
  return bits;
}

function matchOption(module: string, o: OptionUse, probe: TcpProbe): Tri {
  const arg = o.args[0]?.value ?? '';
  switch (module) {
    case 'tcp':
      if (o.name === 'dport') {
        const r = parsePortRange(arg);
        return r ? neg(o, portInItems(probe.port, [r]) ? 'yes' : 'no') : 'maybe';
      }
      if (o.name === 'syn') return neg(o, 'yes');
      if (o.name === 'tcp-flags') {
        const mask = flagBits(arg);
        const comp = flagBits(o.args[1]?.value ?? '');
        if (mask === undefined || comp === undefined) return 'maybe';
        return neg(o, (TCP_FLAG_BITS.SYN & mask) === comp ? 'yes' : 'no');
      }
      return 'maybe';
    case 'multiport': {
      if (o.name !== 'dports' && o.name !== 'ports') return 'maybe';
      const items = parsePortList(arg);
      if (!items) return 'maybe';
      const hit = portInItems(probe.port, items);
      // --ports also matches on the source port, which an outside client picks.
      if (o.name === 'ports' && !hit) return 'maybe';
      return neg(o, hit ? 'yes' : 'no');
    }
    case 'conntrack':
    case 'state': {
      if ((o.name !== 'ctstate' && o.name !== 'state') || probe.stateUnsure) return 'maybe';
      const states = arg.toUpperCase().split(',');
      return neg(o, states.includes('NEW') ? 'yes' : 'no');
    }
    case 'comment':
      return 'yes';
    case 'addrtype':
      if (o.name === 'dst-type' && arg.toUpperCase() === 'LOCAL') return neg(o, 'yes');
      return 'maybe';
    case 'pkttype':
      if (o.name === 'pkt-type') return neg(o, arg.toLowerCase() === 'unicast' ? 'yes' : 'no');
      return 'maybe';
    default:
      return 'maybe';
  }
}

function matchModule(m: MatchUse, probe: TcpProbe): Tri {
  const module = m.module.toLowerCase();
  if (['udp', 'udplite', 'sctp', 'dccp', 'icmp', 'icmpv6', 'ipv6-icmp'].includes(module)) return 'no';
  let t: Tri = 'yes';
  for (const o of m.options) {
    t = AND(t, matchOption(module, o, probe));
    if (t === 'no') return t;
  }
  if (m.options.length === 0 && module !== 'tcp' && module !== 'comment') return 'maybe';
  return t;
}

/** Whether the rule's matches hold for the probe's first packet. */
export function matchRule(rule: ParsedRule, probe: TcpProbe): Tri {
  let t: Tri = 'yes';
  for (const o of rule.core) {
    t = AND(t, coreMatch(o));
    if (t === 'no') return t;
  }
  for (const m of rule.matches) {
    t = AND(t, matchModule(m, probe));
    if (t === 'no') return t;
  }
  return t;
}

/**
 * Walks `chainName` the way netfilter does (first match wins, jumps, gotos, RETURN, policy) and
 * collects every verdict the probe may meet. Undecidable matches fork the walk; per-position
 * results are shared, so the cost stays linear in the number of rules.
 */
export function evaluateChain(table: TableModel, chainName: string, probe: TcpProbe): Outcomes {
  const memo = new Map<string, FlowSet>();
  const CYCLE: FlowSet = only('unknown', -1);

  const subChain = (line: RuleLine): ChainModel | undefined => {
    const name = line.rule.target?.name?.value;
    const sub = name ? table.chains.get(name) : undefined;
    return sub && !sub.builtin ? sub : undefined;
  };

  // Post-order over the jump graph with an explicit stack: 10k chained jumps must not overflow.
  const solve = (root: ChainModel): void => {
    const onStack = new Set<string>();
    const stack: Array<{ chain: ChainModel; exit: boolean }> = [{ chain: root, exit: false }];
    while (stack.length) {
      const frame = stack.pop() as { chain: ChainModel; exit: boolean };
      const chain = frame.chain;
      if (frame.exit) {
        // Rules after the first one that surely matches and decides are never reached.
        const rules = chain.rules;
        const verdicts: Tri[] = [];
        for (const line of rules) {
          const m = matchRule(line.rule, probe);
          verdicts.push(m);
          if (m === 'yes' && DECIDING.has(line.rule.target?.name?.value ?? '')) break;
        }
        let next: FlowSet = only('return', -1);
        for (let i = verdicts.length - 1; i >= 0; i--) next = step(rules[i], verdicts[i], next);
        memo.set(chain.name, next);
        onStack.delete(chain.name);
        continue;
      }
      if (memo.has(chain.name) || onStack.has(chain.name)) continue;
      onStack.add(chain.name);
      stack.push({ chain, exit: true });
      for (const rule of chain.rules) {
        const sub = subChain(rule);
        if (sub && !memo.has(sub.name) && !onStack.has(sub.name)) stack.push({ chain: sub, exit: false });
      }
    }
  };

  // A chain still being solved when it is needed again is part of a jump loop, which the kernel refuses.
  const chainFlows = (chain: ChainModel): FlowSet => memo.get(chain.name) ?? CYCLE;

  const step = (line: RuleLine, m: Tri, rest: FlowSet): FlowSet => {
    if (m === 'no') return rest;
    const own = ruleFlows(line, rest);
    if (m === 'yes') return own;
    return union(rest, own);
  };

  const ruleFlows = (line: RuleLine, rest: FlowSet): FlowSet => {
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
    const sub = table.chains.get(name);
    if (sub && !sub.builtin) {
      const sub$ = chainFlows(sub);
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
  };

  const start = table.chains.get(chainName);
  if (!start) return { verdicts: new Map([['accept', -1]]), primary: 'accept', primaryLine: -1 };
  solve(start);
  const result = chainFlows(start);
  // Falling off the end (or RETURN) of a built-in chain meets its policy.
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

function policyVerdict(value: string | undefined): Verdict {
  if (value === undefined || value === 'ACCEPT') return 'accept';
  if (value === 'DROP') return 'drop';
  return 'unknown';
}

/** Both sets of flows; where both reach a flow, `a`'s deciding line is kept, and `a` names the default path. */
function union(a: FlowSet, b: FlowSet): FlowSet {
  const flows = new Map(a.flows);
  for (const [k, v] of b.flows) if (!flows.has(k)) flows.set(k, v);
  return { flows, primary: a.primary };
}
