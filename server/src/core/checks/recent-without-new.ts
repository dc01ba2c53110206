import { spanRange } from '../lint/edits';
import type { MatchUse, ParsedFile, RuleLine } from '../syntax/model';
import type { Check } from '../lint/check';
import { tokensOf } from '../syntax/rule-text';
import type { TableModel } from '../syntax/ruleset';
import { portsOf, TCP_FLAG_BITS, type Packet } from '../reach/evaluate';
import { rulesMet, waysInto } from '../reach/rules-met';
import { unnamedPort } from '../reach/reach';
import { DESTINATION_OR_EITHER_PORT_OPTIONS } from '../kb/port-options';

const has = (m: MatchUse, name: string): boolean => m.options.some((o) => o.name === name && !o.negation);

/** Hooks whose packets come in to this host or through it; the others' go out from it. */
const INCOMING = ['PREROUTING', 'INPUT', 'FORWARD'];
const OUTGOING = ['OUTPUT', 'POSTROUTING'];
/** At most this many ports are tried for a rule that names none itself. */
const MAX_PORTS = 32;

/** Destination ports the rule's port options name, not negated (the first of each range). */
function portsNamed(line: RuleLine, into: Set<number>): void {
  for (const m of line.rule.matches) {
    for (const o of m.options) {
      if (o.negation || !DESTINATION_OR_EITHER_PORT_OPTIONS.has(o.name)) continue;
      for (const item of portsOf(o) ?? []) into.add(item.low);
    }
  }
}

/**
 * The ports a packet that meets the rule may go to: the rule's own, or else those the ways into its
 * chain name (the jumps to it, then the jumps to those jumps' chains...), and a port no rule names.
 */
function portsToTry(file: ParsedFile, table: TableModel, line: RuleLine): number[] {
  const ports = new Set<number>();
  portsNamed(line, ports);
  if (ports.size > 0) return [...ports];
  const start = line.rule.command?.chain?.value ?? '';
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0 && ports.size < MAX_PORTS) {
    for (const jump of waysInto(table, queue.shift() as string)) {
      portsNamed(jump, ports);
      const from = jump.rule.command?.chain?.value;
      if (from !== undefined && !seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return [unnamedPort(file), ...ports];
}

/**
 * Whether a TCP packet of a connection after its first (the handshake's ACK, the data: state
 * ESTABLISHED, no SYN) may reach the rule and match it, on some way into its chain.
 */
function laterPacketsMeet(file: ParsedFile, table: TableModel, line: RuleLine): boolean {
  const later = { state: 'ESTABLISHED', flags: TCP_FLAG_BITS.ACK } as const;
  for (const port of portsToTry(file, table, line)) {
    const incoming: Packet = { hook: 'INPUT', localPort: port, ...later };
    const outgoing: Packet = { hook: 'OUTPUT', localPort: unnamedPort(file), remotePort: port, ...later };
    if (rulesMet(table, incoming, INCOMING).has(line) || rulesMet(table, outgoing, OUTGOING).has(line)) return true;
  }
  return false;
}

export const recentWithoutNew: Check = {
  meta: {
    code: 'recent-without-new',
    severity: 'warning',
    title: '-m recent counts every packet',
    fixable: true,
    messages: {
      setsOnEveryPacket: 'This -m recent rule sees every packet of a connection, not just the first: the handshake and the first data of one connection are recorded as several hits, so the guard drops connections it should let in. Add -m conntrack --ctstate NEW.',
      countsEveryPacket: 'This -m recent rule sees every packet of a connection, not just the first: the handshake and the first data of one login already reach the hit count, so the guard drops connections it should let in. Add -m conntrack --ctstate NEW.',
    },
    docs: {
      summary: 'A `-m recent --set` or `--update`/`--rcheck --hitcount` rule that the later packets of a TCP connection reach, not only the first.',
      why: [
        'The usual brute-force guard records each new SSH connection and drops a source after a few of them. If the',
        'packets after the first (the handshake\'s ACK, the data) reach those rules, every packet is counted: the',
        'handshake and the first bytes of one login already reach the hit count, so the guard drops the connection it',
        'should let in.',
        '',
        'The check follows every way into the rule\'s chain: `--ctstate NEW`, `--syn` or SYN-only `--tcp-flags` on the',
        'rule or on the jumps that lead to its chain, or an earlier rule that accepts ESTABLISHED packets, keeps the later',
        'packets out. It looks at TCP only: an ICMP echo or UDP (DNS) rate limit counts each packet on purpose, and',
        '`--ctstate NEW` there would stop it counting the later echo requests of one ping, or the later queries from one',
        'client port, which conntrack calls ESTABLISHED once it has seen a reply.',
      ].join('\n'),
      bad: [
        '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 22 -m recent --name ssh --set',
        '-A INPUT -p tcp --dport 22 -m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP',
        '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', '',
      ].join('\n'),
      good: [
        '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --name ssh --set',
        '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP',
        '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', '',
      ].join('\n'),
      fix: 'Count new connections only: put `-m conntrack --ctstate NEW` before `-m recent` (the quick fix does) or on every jump to the guard\'s chain, or accept `ESTABLISHED,RELATED` traffic in an earlier rule.',
    },
  },
  matches: ['recent'],
  rule(ctx, line) {
    if (line.rule.problems.length > 0) return;
    const m = line.rule.matches.find((x) => x.module === 'recent');
    if (!m || m.implicit) return;
    const counts = has(m, 'set') || ((has(m, 'update') || has(m, 'rcheck')) && has(m, 'hitcount'));
    const table = counts && line.block ? ctx.table(line.block.name) : undefined;
    if (!table || !laterPacketsMeet(ctx.file, table, line)) return;
    const flag = tokensOf(line).find((t) => t.end <= m.name.start && t.value === '-m' && t.end + 1 >= m.name.start) ?? m.name;
    ctx.report({
      range: spanRange(line.index, flag.start, m.name.end),
      messageId: has(m, 'set') ? 'setsOnEveryPacket' : 'countsEveryPacket',
      fixes: [{ title: 'Count only new connections (-m conntrack --ctstate NEW)', isPreferred: true, edits: [{ range: spanRange(line.index, flag.start, flag.start), newText: '-m conntrack --ctstate NEW ' }] }],
    });
  },
};
