// What the editor shows about reachability: a one-line summary for the code lens, the walk of one
// port through the chains, and which new connections reach a given rule. Pure text from the engine.
import { matchRule, RATE_MODULES, synTo, type Outcomes, type Tri } from './evaluate';
import type { Line, ParsedFile, RuleLine } from '../syntax/model';
import { parsePortList } from '../net/ports';
import { ANYWHERE, filterTable, reach, unnamedPort, type Reach, type ReachQuery } from './reach';
import { pathTables, type Visit } from './path-walk';
import { DESTINATION_PORT_OPTIONS } from '../kb/port-options';
import { MAIL_HOST_PORTS } from '../kb/values';

const MAX_PORTS = 32;

/** Single TCP ports named by INPUT-side rules, plus the mail host's usual ones. */
export function portsOfInterest(file: ParsedFile): number[] {
  const ports = new Set(MAIL_HOST_PORTS);
  const table = filterTable(file);
  // The ports clients connect to: those filter's INPUT side names, and those nat redirects.
  const redirected = pathTables(file).tables.nat?.chains.get('PREROUTING');
  for (const chain of [...(table?.chains.values() ?? []), ...(redirected ? [redirected] : [])]) {
    if (chain.name === 'OUTPUT' || chain.name === 'FORWARD') continue;
    for (const line of chain.rules) {
      for (const m of line.rule.matches) {
        for (const o of m.options) {
          if (!DESTINATION_PORT_OPTIONS.has(o.name) || o.negation) continue;
          for (const i of parsePortList(o.args[0]?.value ?? '') ?? []) if (i.low === i.high && ports.size < MAX_PORTS) ports.add(i.low);
        }
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

const sure = (r: Reach): boolean => r.possible.length <= 1;

export interface ReachSummary {
  /** The line the lens sits on: INPUT's declaration, else the `*filter` line. */
  line: number;
  title: string;
}

/** "open: 25 465 587 993 995 · SSH: blocked · everything else: dropped", for a new connection from anywhere. */
export function summarize(file: ParsedFile, sshPorts: number[] = [22]): ReachSummary | undefined {
  const table = filterTable(file);
  if (!table) return undefined;
  const from = { from: ANYWHERE };
  const ssh = new Set(sshPorts);
  const open: number[] = [];
  const halfOpen: number[] = [];
  const maybe: number[] = [];
  const limited: number[] = [];
  for (const port of portsOfInterest(file)) {
    if (ssh.has(port)) continue;
    const r = reach(file, { port, ...from });
    if (!sure(r) && r.possible.includes('accept')) maybe.push(port);
    else if (r.verdict === 'accept') {
      open.push(port);
      if (rateLimitOf(file, r.decidedBy[0] ?? -1)) limited.push(port);
    }
    else if (r.verdict === 'half-open') halfOpen.push(port);
  }
  const parts: string[] = [`open: ${open.length ? open.join(' ') : 'none'}`];
  if (limited.length) parts.push(`rate-limited: ${limited.join(' ')}`);
  if (halfOpen.length) parts.push(`half-open: ${halfOpen.join(' ')}`);
  if (maybe.length) parts.push(`depends on the source or interface: ${maybe.join(' ')}`);
  const sshResults = sshPorts.map((port) => reach(file, { port, ...from }));
  const sshLimited = sure(sshResults[0]) && sshResults[0].verdict === 'accept' && rateLimitOf(file, sshResults[0].decidedBy[0] ?? -1) ? ', rate-limited' : '';
  parts.push(`SSH: ${describeVerdict(sshResults[0], 'open', 'blocked')}${sshLimited}`);
  const other = reach(file, { port: unnamedPort(file), ...from });
  parts.push(`everything else: ${describeVerdict(other, 'open', 'dropped')}`);
  const input = table.chains.get('INPUT')?.declaredAt;
  return { line: input?.kind === 'chain' ? input.index : table.block.header.index, title: parts.join(' · ') };
}

function describeVerdict(r: Reach, open: string, closed: string): string {
  if (!sure(r)) return r.possible.includes('accept') ? `may be ${open}` : closed;
  switch (r.verdict) {
    case 'accept':
      return open;
    case 'reject':
      return 'rejected';
    case 'half-open':
      return 'half-open';
    default:
      return closed;
  }
}

function lineLabel(file: ParsedFile, index: number): string {
  if (index < 0) return 'the built-in default (ACCEPT)';
  const line: Line = file.lines[index];
  if (line.kind === 'chain') return `the ${line.name?.value} policy ${line.policy?.value} (line ${index + 1})`;
  return `line ${index + 1}: ${line.text.trim()}`;
}

/** The rate or count matches of a rule, as written (`-m limit --limit 3/min`), or undefined. */
export function rateLimitOf(file: ParsedFile, index: number): string | undefined {
  const line = file.lines[index];
  if (!line || line.kind !== 'rule') return undefined;
  const parts: string[] = [];
  for (const m of line.rule.matches) {
    if (!RATE_MODULES.has(m.module.toLowerCase())) continue;
    const options = m.options.map((o) => `${o.negation ? '! ' : ''}--${o.name}${o.args.map((a) => ` ${a.value}`).join('')}`);
    parts.push([`-m ${m.module}`, ...options].join(' '));
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** ", rate-limited by -m limit --limit 3/min on line 4: ..." when the deciding rule counts packets or connections. */
function rateLimitNote(file: ParsedFile, index: number): string {
  const limit = rateLimitOf(file, index);
  return limit ? ` (rate-limited by ${limit} on line ${index + 1}: one new connection is within it, later ones may not be)` : '';
}

const VERDICT_WORDS: Record<string, string> = { accept: 'accepted', drop: 'dropped', reject: 'rejected', unknown: 'handed to a target whose outcome is not known' };

/** One table's chain on the packet's way: `nat PREROUTING: REDIRECT to tcp/80 (line 6)`, `filter INPUT: accepted by line 9: ...`. */
function visitText(file: ParsedFile, v: Visit): string {
  const parts = [...v.changes];
  if (v.verdict !== 'accept' || v.table === 'filter') parts.push(`${VERDICT_WORDS[v.verdict]} by ${lineLabel(file, v.line)}`);
  return `${v.table} ${v.chain}: ${parts.length ? parts.join(', ') : 'goes on'}`;
}

/** A plain-text walk of one port through the chains, packet by packet. */
export function explainPort(file: ParsedFile, q: ReachQuery): string {
  const r = reach(file, q);
  const who = q.from === undefined || q.from === ANYWHERE ? 'anywhere' : q.from;
  const out = [`tcp/${q.port}, a new connection from ${who}${q.iface ? ` on ${q.iface}` : ''}:`];
  if (!filterTable(file) && pathTables(file).filterOnly) {
    out.push('  No filter table: nothing filters, the connection is accepted.');
  } else {
    for (const [i, s] of r.steps.entries()) {
      const o: Outcomes = s.outcomes;
      const also = [...o.verdicts.keys()].filter((v) => v !== o.primary);
      const limited = i === 0 ? rateLimitNote(file, o.primaryLine) : '';
      const may = also.length ? ` (may also be ${also.map((v) => VERDICT_WORDS[v]).join(' or ')}, depending on the source or interface)` : '';
      if (s.visits.some((v) => v.table !== 'filter')) out.push(`  ${i + 1}. ${s.packet}: ${s.visits.map((v) => visitText(file, v)).join('; ')}${limited}${may}`);
      else out.push(`  ${i + 1}. ${s.packet} in filter ${s.hook}: ${VERDICT_WORDS[o.primary]} by ${lineLabel(file, o.primaryLine)}${limited}${may}`);
      // Without the SYN accepted there is no connection, and no later packet.
      if (i === 0 && o.primary !== 'accept') break;
    }
    if (r.rejectWith) out.push(`  The rejection answers with ${r.rejectWith}${r.rejectAnswerDropped ? ', but OUTPUT drops that answer, so the client sees nothing' : ''}.`);
  }
  const verdict: Record<string, string> = {
    accept: 'open: the connection completes and data flows both ways',
    drop: 'dropped: the client times out',
    reject: 'rejected: the client is refused at once',
    'half-open': `half-open: connect() succeeds, then ${r.brokenIn} drops the rest of the connection and it hangs`,
  };
  out.push(`Verdict: ${verdict[r.verdict]}.${r.possible.length > 1 ? ` Not certain: it may also be ${r.possible.filter((v) => v !== r.verdict).join(' or ')}.` : ''}`);
  return out.join('\n');
}

export interface RuleReach {
  /** Connections from anywhere that get to this rule: `tcp/25`, or `other ports` for ports no rule names. */
  reaches: string[];
  /** Of those, the ones this rule surely matches. */
  matches: string[];
  /** Those an earlier rule decides first, with that rule's line. */
  decidedBefore: Array<{ label: string; line: number }>;
}

/** Which new connections from anywhere arrive at an INPUT rule (undefined for other rules). */
export function ruleReach(file: ParsedFile, line: RuleLine): RuleReach | undefined {
  const table = filterTable(file);
  const input = table?.chains.get('INPUT');
  if (!table || !input) return undefined;
  const at = input.rules.indexOf(line);
  if (at < 0) return undefined;
  const result: RuleReach = { reaches: [], matches: [], decidedBefore: [] };
  const other = unnamedPort(file);
  for (const port of [...portsOfInterest(file), other]) {
    const label = port === other ? 'other ports' : `tcp/${port}`;
    const packet = synTo(port, { peer: 'unnamed' });
    let decided: number | undefined;
    for (const earlier of input.rules.slice(0, at)) {
      const m: Tri = matchRule(earlier.rule, packet);
      if (m !== 'yes') continue;
      const target = earlier.rule.target?.name?.value ?? '';
      if (['ACCEPT', 'DROP', 'REJECT', 'RETURN'].includes(target) || earlier.rule.target?.goto) {
        decided = earlier.index;
        break;
      }
      // A jump may come back: the walk goes on (so a port may be listed as reaching when a chain decides it).
    }
    if (decided !== undefined) result.decidedBefore.push({ label, line: decided });
    else {
      result.reaches.push(label);
      if (matchRule(line.rule, packet) === 'yes') result.matches.push(label);
    }
  }
  return result;
}
