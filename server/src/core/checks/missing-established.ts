import { addressNetwork, addressText } from '../net/address';
import { lineRange } from '../lint/edits';
import type { RuleLine } from '../syntax/model';
import { parsePortList } from '../net/ports';
import { ANYWHERE, reach, restOfConnectionAccepted, type Reach } from '../reach/reach';
import type { Check } from '../lint/check';
import { reachableChains } from '../syntax/ruleset';
import { DECIDED_BY_MESSAGES, decidedBy } from '../lint/decided-by';
import { establishedFix } from './ssh-lockout';

/** At most this many (port, source) pairs are asked per file: enough for any hand-written file. */
const MAX_QUERIES = 64;

/** The TCP ports an accept rule opens, and a client it lets in: its source when it has one, else anyone. */
function opened(line: RuleLine): { ports: number[]; from: string; iface?: string } | undefined {
  // Only TCP has connections to leave half-open.
  const protocol = line.rule.core.find((o) => o.name === 'protocol');
  const p = protocol?.args[0]?.value.toLowerCase();
  if (!protocol || protocol.negation || (p !== 'tcp' && p !== '6')) return undefined;
  const ports: number[] = [];
  for (const m of line.rule.matches) {
    for (const o of m.options) {
      if (o.negation || !['dport', 'dports', 'ports'].includes(o.name)) continue;
      for (const item of parsePortList(o.args[0]?.value ?? '') ?? []) if (item.low === item.high) ports.push(item.low);
    }
  }
  if (ports.length === 0) return undefined;
  let from = ANYWHERE;
  let iface: string | undefined;
  for (const o of line.rule.core) {
    const v = o.args[0]?.value;
    if (o.negation || v === undefined) continue;
    if (o.name === 'source' && !v.includes(',')) {
      const n = addressNetwork(v);
      if (!n) return undefined;
      // One address inside the network stands for all of them.
      from = n.prefix === 0 ? ANYWHERE : addressText(n);
    }
    if (o.name === 'in-interface' && !v.endsWith('+')) iface = v;
  }
  return { ports, from, iface };
}

export const missingEstablished: Check = {
  meta: {
    code: 'missing-established',
    severity: 'warning',
    title: 'New connections accepted, the rest of them dropped',
    fixable: true,
    messages: {
      halfOpenInput: 'New connections to {ports} are accepted, but the rest of each connection (the last ACK of the handshake, then the data) is dropped by {by}: connect() succeeds and then the connection hangs. Accept ESTABLISHED,RELATED traffic first in INPUT.',
      halfOpenOutput: 'New connections to {ports} are accepted, but the server\'s answers are dropped on the way out by {by}: connect() never completes. Accept ESTABLISHED,RELATED traffic first in OUTPUT.',
      ...DECIDED_BY_MESSAGES,
    },
    docs: {
      summary: 'A port whose new connections are accepted, while the packets that follow (the handshake\'s last ACK, the data, the server\'s answers) are dropped.',
      why: [
        'A rule such as `-p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT` lets only the first packet of a',
        'connection in. Unless an earlier rule accepts `ESTABLISHED,RELATED` traffic, the INPUT DROP policy drops',
        'everything after it: the client\'s `connect()` succeeds, then the connection hangs. The same happens when',
        'OUTPUT drops by default and nothing lets the server\'s answers out. `nc -z` calls such a port open; mail',
        'clients and servers time out.',
      ].join('\n'),
      bad: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT', ''].join('\n'),
      fix: 'Accept established traffic before anything else in the chain that drops it. The quick fix puts `-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT` (or the OUTPUT twin) at the top of that chain.',
    },
  },
  file(ctx) {
    const table = ctx.table('filter');
    if (!table) return;
    const ssh = new Set(ctx.options.sshPorts.length ? ctx.options.sshPorts : [22]);
    const broken = new Map<'INPUT' | 'OUTPUT', { first: RuleLine; ports: number[]; r: Reach }>();
    const asked = new Set<string>();
    walk: for (const chain of reachableChains(table, 'INPUT')) {
      for (const line of table.chains.get(chain)?.rules ?? []) {
        if (asked.size >= MAX_QUERIES) break walk;
        if (line.rule.target?.name?.value !== 'ACCEPT' || line.rule.problems.length > 0) continue;
        const o = opened(line);
        if (!o) continue;
        for (const port of o.ports) {
          // A half-open SSH port is a lockout, which ssh-lockout reports.
          const key = `${port}|${o.from}|${o.iface ?? ''}`;
          if (ssh.has(port) || asked.has(key)) continue;
          asked.add(key);
          // Most files accept ESTABLISHED first: then nothing can be half-open, and the SYN need not be walked.
          if (restOfConnectionAccepted(ctx.file, { port, from: o.from, iface: o.iface })) continue;
          const r = reach(ctx.file, { port, from: o.from, iface: o.iface });
          if (r.verdict !== 'half-open' || r.possible.includes('accept') || !r.brokenIn || r.decidedBy[0] !== line.index) continue;
          const entry = broken.get(r.brokenIn);
          if (entry) {
            if (!entry.ports.includes(port)) entry.ports.push(port);
          } else broken.set(r.brokenIn, { first: line, ports: [port], r });
        }
      }
    }
    for (const [chain, { first, ports, r }] of broken) {
      const step = r.steps.slice(1).find((s) => s.hook === chain && s.outcomes.primary !== 'accept');
      const at = step?.outcomes.primaryLine ?? -1;
      ctx.report({
        range: lineRange(first),
        messageId: chain === 'INPUT' ? 'halfOpenInput' : 'halfOpenOutput',
        data: { ports: ports.map((p) => `tcp/${p}`).join(', '), by: decidedBy(table, chain, at) },
        fixes: [establishedFix(ctx, table, chain)],
      });
    }
  },
};
