import type { Fix, MessagePart } from '../lint/diagnostic';
import { DECIDED_BY_MESSAGES } from '../lint/decided-by';
import { applyEdits, insertLinesAfter, insertLinesBefore, lineRange, spanRange } from '../lint/edits';
import { evaluateChain, matchRule, synTo } from '../reach/evaluate';
import { neighbourDiscovery, reach, type Reach } from '../reach/reach';
import type { CommentLine, Line, RuleLine, TableBlock } from '../syntax/model';
import { parsePortList, portInItems } from '../net/ports';
import type { Check, CheckContext } from '../lint/check';
import { atTopOfChain } from '../lint/fixes';
import { parseRuleTokens } from '../syntax/rule-parser';
import type { TableModel } from '../syntax/ruleset';
import { tokenize } from '../syntax/tokenize';

/** What IPv6 needs before any connection: neighbour solicitations and advertisements. */
export const ND_ACCEPTS = [
  '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT',
  '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement -j ACCEPT',
];

const blocked = (r: Reach): boolean => !r.possible.includes('accept');

/** A comment that holds an INPUT rule accepting one of the SSH ports, e.g. `#-A INPUT -p tcp --dport 22 -j ACCEPT`. */
export function findCommentedSshRule(block: TableBlock, ports: number[]): CommentLine | undefined {
  for (const line of block.lines) {
    if (line.kind !== 'comment') continue;
    const body = line.text.replace(/^#+\s*/, '');
    if (!/^-(A|I|-append|-insert)\s/.test(body)) continue;
    const rule = parseRuleTokens(tokenize(body));
    if (rule.command?.chain?.value !== 'INPUT' || rule.target?.name?.value !== 'ACCEPT') continue;
    const portOptions = rule.matches.flatMap((m) => m.options).filter((o) => ['dport', 'dports', 'ports'].includes(o.name) && !o.negation);
    const namesSshPort = portOptions.some((o) => {
      const items = parsePortList(o.args[0]?.value ?? '');
      return items !== undefined && ports.some((p) => portInItems(p, items));
    });
    if (namesSshPort && ports.some((port) => matchRule(rule, synTo(port)) !== 'no')) return line;
  }
  return undefined;
}

function describe(ports: number[]): string {
  return ports.length === 1 ? `tcp/${ports[0]}` : `tcp/${ports.join(', tcp/')}`;
}

/** The first INPUT rule that may send the probe to a drop, for placing an accept above it. */
function firstDropper(table: TableModel, port: number): RuleLine | undefined {
  const input = table.chains.get('INPUT');
  if (!input) return undefined;
  for (const rule of input.rules) {
    if (matchRule(rule.rule, synTo(port)) === 'no') continue;
    const target = rule.rule.target?.name?.value;
    if (!target) continue;
    if (target === 'DROP' || target === 'REJECT') return rule;
    const sub = table.chains.get(target);
    if (sub && !sub.builtin) {
      const inside = evaluateChain(table, sub.name, synTo(port)).verdicts;
      if (inside.has('drop') || inside.has('reject')) return rule;
    }
  }
  return undefined;
}

export function acceptLine(ports: number[]): string {
  return ports.length === 1
    ? `-A INPUT -p tcp -m tcp --dport ${ports[0]} -j ACCEPT`
    : `-A INPUT -p tcp -m multiport --dports ${ports.join(',')} -j ACCEPT`;
}

/** Where an appended rule goes when the policy does the dropping: after the chain's last line. */
function appendPoint(table: TableModel, chain = 'INPUT'): Line {
  const block = table.block;
  let at: Line = block.header;
  for (const line of block.lines) {
    if (line.kind === 'chain') at = line;
    if (line.kind === 'rule' && line.rule.command?.chain?.value === chain) at = line;
  }
  return at;
}

/** Accepting established traffic first in `chain`: what a half-open connection lacks. */
export function establishedFix(ctx: CheckContext, table: TableModel, chain: string): Fix {
  const text = `-A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`;
  return {
    title: `Accept established connections at the top of ${chain}`,
    isPreferred: true,
    edits: [atTopOfChain(ctx.file, table, chain, [text], appendPoint(table, chain).index)],
  };
}

export const sshLockout: Check = {
  meta: {
    code: 'ssh-lockout',
    severity: 'warning',
    title: 'SSH lockout',
    fixable: true,
    messages: {
      neighbourDiscovery: 'New SSH connections ({ports}) cannot even start: ICMPv6 neighbour solicitations are dropped by {by}, so the router cannot reach this host. Loading this file on a remote server locks you out.{note}',
      answerDropped: 'New SSH connections ({ports}) are accepted, but the server\'s answer is dropped in {chain} by {by}: the connection never completes, so loading this file on a remote server locks you out.{note}',
      restDropped: 'New SSH connections ({ports}) are accepted, but the rest of the connection is dropped in {chain} by {by}: the connection never completes, so loading this file on a remote server locks you out.{note}',
      rejected: 'New SSH connections ({ports}) are rejected by {by} and no rule before it accepts them: loading this file on a remote server locks you out.{note}',
      dropped: 'New SSH connections ({ports}) are dropped by {by} and no rule before it accepts them: loading this file on a remote server locks you out.{note}',
      commentedOut: ' The SSH rule on line {at} is commented out.',
      sshRuleCommented: 'The SSH rule, commented out',
      ...DECIDED_BY_MESSAGES,
    },
    docs: {
      summary: 'The filter table\'s INPUT chain drops or rejects new SSH connections: no rule reached before the drop accepts them.',
      why: [
        'On a remote server SSH is usually the only way in. If INPUT ends in a DROP policy or a final',
        '`-j DROP` / `-j REJECT`, and no rule reached before it accepts TCP port 22, then loading the file cuts',
        'your session and every new one times out. Getting back in then takes a rescue console.',
        '',
        'The check follows the chain as netfilter does, first match wins. It reads service names',
        '(`--dport ssh`), port ranges and multiport lists, and it follows jumps into user chains and their',
        '`RETURN`s. It warns only when every path drops or rejects. A rule limited to a source address, such as',
        'your office network, counts as keeping SSH open. Set `firewallRules.sshPorts` if sshd listens elsewhere.',
        '',
        'Example files often carry the SSH rule commented out. When one exists, the warning names its line.',
      ].join('\n'),
      bad: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        '# -A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp -m multiport --dports 25,465,587,993,995 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      good: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp -m multiport --dports 25,465,587,993,995 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      fix: [
        'Accept SSH before anything drops it. When a commented-out SSH rule exists, the preferred quick fix',
        'uncomments it, provided that really ends the lockout. Otherwise the fix inserts',
        '`-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT` above the first rule that drops, or at the end of INPUT',
        'when the policy does the dropping. Each fix is checked before it is offered: after it, SSH must be',
        'reachable and the file must load as before.',
      ].join('\n'),
    },
  },
  file(ctx: CheckContext) {
    const table = ctx.table('filter');
    if (!table || table.chains.get('INPUT') === undefined) return;
    const ports = ctx.options.sshPorts.length ? ctx.options.sshPorts : [22];
    const results = ports.map((port) => reach(ctx.file, { port }));
    if (!results.every(blocked)) return;

    const outcome = results[0];
    const nd = ctx.file.family === 'ipv6' ? neighbourDiscovery(ctx.file) : undefined;
    const ndBlocks = nd !== undefined && nd.primary !== 'accept';
    const step = outcome.verdict === 'half-open' ? outcome.steps.slice(1).find((s) => s.outcomes.primary !== 'accept') : outcome.steps[0];
    const chainName = ndBlocks ? 'INPUT' : (step?.hook ?? 'INPUT');
    const at = ndBlocks ? nd.primaryLine : step ? step.outcomes.primaryLine : -1;
    const decider = at >= 0 ? ctx.file.lines[at] : undefined;
    const policy = table.chains.get(chainName)?.policy;
    let range = lineRange(table.block.header);
    let by: MessagePart = { messageId: 'byChain', data: { chain: chainName } };
    if (decider && (decider.kind === 'chain' || decider.kind === 'rule') && policy && policy.line === decider) {
      range = decider.kind === 'chain' ? spanRange(decider.index, policy.token.start, policy.token.end) : lineRange(decider);
      by = { messageId: 'byPolicy', data: { chain: chainName, policy: policy.value, at: { line: decider.index } } };
    } else if (decider) {
      range = lineRange(decider);
      by = { messageId: 'byRule', data: { at: { line: decider.index } } };
    }
    const commented = findCommentedSshRule(table.block, ports);
    const messageId = ndBlocks
      ? 'neighbourDiscovery'
      : outcome.verdict === 'half-open'
        ? (step?.packet === 'SYN-ACK' ? 'answerDropped' : 'restDropped')
        : (outcome.verdict === 'reject' ? 'rejected' : 'dropped');
    const note: MessagePart | string = commented ? { messageId: 'commentedOut', data: { at: { line: commented.index } } } : '';

    const fixes: Fix[] = [];
    // A fix is offered only if, applied, it ends the lockout and adds no load error.
    const loadErrors = ['missing-table-header', 'missing-commit'];
    const before = ctx.verifying ? 0 : ctx.relint(ctx.text, loadErrors).length;
    const works = (fix: Fix): boolean => {
      if (ctx.verifying) return false;
      const after = ctx.relint(applyEdits(ctx.text, fix.edits), ['ssh-lockout', ...loadErrors]);
      return !after.some((d) => d.code === 'ssh-lockout') && after.length <= before;
    };
    if (commented) {
      const body = commented.text.replace(/^#+\s*/, '');
      const fix: Fix = {
        title: `Uncomment the SSH rule on line ${commented.index + 1}`,
        isPreferred: true,
        edits: [{ range: lineRange(commented), newText: body }],
      };
      if (works(fix)) fixes.push(fix);
    }
    if (ndBlocks) {
      const fix: Fix = {
        title: 'Accept IPv6 neighbour discovery at the top of INPUT',
        isPreferred: fixes.length === 0,
        edits: [atTopOfChain(ctx.file, table, 'INPUT', ND_ACCEPTS, appendPoint(table).index)],
      };
      if (works(fix)) fixes.push(fix);
    }
    if (outcome.verdict === 'half-open') {
      const fix = { ...establishedFix(ctx, table, chainName), isPreferred: fixes.length === 0 };
      if (works(fix)) fixes.push(fix);
    }
    const dropper = firstDropper(table, ports[0]);
    const insert = dropper
      ? insertLinesBefore(ctx.file, dropper.index, [acceptLine(ports)])
      : insertLinesAfter(ctx.file, appendPoint(table).index, [acceptLine(ports)]);
    const insertFix: Fix = {
      title: dropper ? `Accept SSH above the rule on line ${dropper.index + 1}` : 'Accept SSH at the end of INPUT',
      isPreferred: fixes.length === 0,
      edits: [insert],
    };
    if (works(insertFix)) fixes.push(insertFix);

    ctx.report({
      range,
      messageId,
      data: { ports: describe(ports), chain: chainName, by, note },
      related: commented ? [{ range: lineRange(commented), messageId: 'sshRuleCommented' }] : [],
      fixes,
    });
  },
};
