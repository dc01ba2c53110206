import type { Fix, MessagePart, SettingFix } from '../lint/diagnostic';
import { DECIDED_BY_MESSAGES } from '../lint/decided-by';
import { applyEdits, insertLinesAfter, insertLinesBefore, lineRange, spanRange } from '../lint/edits';
import { evaluateChain, matchRule, synTo } from '../reach/evaluate';
import { reach, type Reach } from '../reach/reach';
import type { RuleLine } from '../syntax/model';
import type { Check, CheckContext } from '../lint/check';
import { appendPoint, atTopOfChain, establishedFix, ND_ACCEPTS } from '../lint/fixes';
import { findCommentedSshRule, findSshElsewhere, sshAcceptLine, sshPortsOf } from '../lint/ssh';
import type { TableModel } from '../syntax/ruleset';

const blocked = (r: Reach): boolean => !r.possible.includes('accept');

function describe(ports: number[]): string {
  return ports.length === 1 ? `tcp/${ports[0]}` : `tcp/${ports.join(', tcp/')}`;
}

/** A comment as the message quotes it: one line, not too long. */
function quoted(comment: string): string {
  return comment.length > 60 ? `${comment.slice(0, 59)}…` : comment;
}

/**
 * What the file shows of sshd listening on another port: a note naming the first rule that says so,
 * and the offer to set the SSH ports to the ports those rules accept, or to add them.
 */
function sshElsewhere(ctx: CheckContext, table: TableModel, ports: number[]): { note: MessagePart | string; settingFixes: SettingFix[] } {
  const found = findSshElsewhere(ctx.file, table, ports);
  if (found.length === 0) return { note: '', settingFixes: [] };
  const first = found[0];
  const at = { line: first.rule.index };
  const note: MessagePart = first.comment === undefined
    ? { messageId: 'elsewhereNamed', data: { at, port: describe([first.port]) } }
    : { messageId: 'elsewhereCommented', data: { at, comment: quoted(first.comment), port: describe([first.port]) } };
  const offered = [...new Set(found.map((f) => f.port))];
  // When one of those ports is open, the setting, not the file, is most likely what is wrong.
  const open = !ctx.verifying && offered.some((port) => !blocked(reach(ctx.file, { port })));
  const list = offered.join(', ');
  return {
    note,
    settingFixes: [
      { title: `Set firewallRules.sshPorts to [${list}]`, setting: 'sshPorts', value: offered, isPreferred: open },
      { title: `Add ${list} to firewallRules.sshPorts`, setting: 'sshPorts', value: [...ports, ...offered], isPreferred: false },
    ],
  };
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

export const sshLockout: Check = {
  meta: {
    code: 'ssh-lockout',
    severity: 'warning',
    title: 'SSH lockout',
    fixable: true,
    messages: {
      neighbourDiscovery: 'New SSH connections ({ports}) cannot even start: ICMPv6 neighbour solicitations are dropped by {by}, so the router cannot reach this host. Loading this file on a remote server locks you out.{note}',
      neighbourAnswer: 'New SSH connections ({ports}) cannot even start: this host\'s ICMPv6 neighbour advertisements are dropped by {by}, so the router never learns where this host is. Loading this file on a remote server locks you out.{note}',
      answerDropped: 'New SSH connections ({ports}) are accepted, but the server\'s answer is dropped in {chain} by {by}: the connection never completes, so loading this file on a remote server locks you out.{note}',
      restDropped: 'New SSH connections ({ports}) are accepted, but the rest of the connection is dropped in {chain} by {by}: the connection never completes, so loading this file on a remote server locks you out.{note}',
      rejected: 'New SSH connections ({ports}) are rejected by {by} and no rule before it accepts them: loading this file on a remote server locks you out.{note}',
      dropped: 'New SSH connections ({ports}) are dropped by {by} and no rule before it accepts them: loading this file on a remote server locks you out.{note}',
      assumed: '{list}, the port assumed; set firewallRules.sshPorts if sshd listens elsewhere',
      assumedMany: '{list}, the ports assumed; set firewallRules.sshPorts if sshd listens elsewhere',
      commentedOut: ' The SSH rule on line {at} is commented out.{elsewhere}',
      elsewhereCommented: ' The rule on line {at}, commented "{comment}", accepts {port}: is sshd there?',
      elsewhereNamed: ' The rule on line {at} accepts ssh ({port}): is sshd there?',
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
        'your office network, counts as keeping SSH open.',
        '',
        'The warning names the port it assumed: `firewallRules.sshPorts` (`--ssh-port` on the command line), 22',
        'unless set. When the file shows sshd listening elsewhere, it names that rule too: a rule that accepts one',
        'other TCP port and says it is for SSH, in the `#` line just above it (`# open ssh`), in',
        '`-m comment --comment "sshd"`, or by writing the port `ssh` while 22 is not among the SSH ports.',
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
        '',
        'When the file shows sshd listening elsewhere, the quick fixes also offer to set `firewallRules.sshPorts`',
        'to that port, or to add it; setting it is the preferred fix when that port is open. VS Code writes the',
        'setting for the file\'s workspace folder, else in your user settings. A `.firewall-rules.json` that sets',
        '`sshPorts` wins over the editor: change it there. Other editors show the message without this fix.',
      ].join('\n'),
    },
  },
  file(ctx: CheckContext) {
    const table = ctx.table('filter');
    if (!table || table.chains.get('INPUT') === undefined) return;
    const ports = sshPortsOf(ctx.options);
    const results = ports.map((port) => reach(ctx.file, { port }));
    if (!results.every(blocked)) return;

    const outcome = results[0];
    // IPv6: neighbour discovery fails before any SYN, its solicitation dropped in INPUT or the answer in OUTPUT.
    const ndHook = outcome.neighbourBlockedIn;
    const ndBlocks = ndHook !== undefined;
    const step = outcome.verdict === 'half-open' ? outcome.steps.slice(1).find((s) => s.outcomes.primary !== 'accept') : outcome.steps[0];
    const chainName = ndHook ?? step?.hook ?? 'INPUT';
    const at = ndBlocks ? (outcome.decidedBy[0] ?? -1) : step ? step.outcomes.primaryLine : -1;
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
      ? (ndHook === 'INPUT' ? 'neighbourDiscovery' : 'neighbourAnswer')
      : outcome.verdict === 'half-open'
        ? (step?.packet === 'SYN-ACK' ? 'answerDropped' : 'restDropped')
        : (outcome.verdict === 'reject' ? 'rejected' : 'dropped');
    const elsewhere = sshElsewhere(ctx, table, ports);
    const note: MessagePart | string = commented ? { messageId: 'commentedOut', data: { at: { line: commented.index }, elsewhere: elsewhere.note } } : elsewhere.note;

    const fixes: Fix[] = [];
    // The first fix that works is preferred, unless setting the ports is.
    const preferNext = (): boolean => fixes.length === 0 && !elsewhere.settingFixes.some((f) => f.isPreferred);
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
        isPreferred: preferNext(),
        edits: [{ range: lineRange(commented), newText: body }],
      };
      if (works(fix)) fixes.push(fix);
    }
    if (ndHook) {
      const fix: Fix = {
        title: `Accept IPv6 neighbour discovery at the top of ${ndHook}`,
        isPreferred: preferNext(),
        edits: [atTopOfChain(ctx.file, table, ndHook, ND_ACCEPTS.map((l) => l.replace('-A INPUT ', `-A ${ndHook} `)), appendPoint(table).index)],
      };
      if (works(fix)) fixes.push(fix);
    }
    if (outcome.verdict === 'half-open') {
      const fix = { ...establishedFix(ctx.file, table, chainName), isPreferred: preferNext() };
      if (works(fix)) fixes.push(fix);
    }
    const dropper = firstDropper(table, ports[0]);
    const insert = dropper
      ? insertLinesBefore(ctx.file, dropper.index, [sshAcceptLine(ports)])
      : insertLinesAfter(ctx.file, appendPoint(table).index, [sshAcceptLine(ports)]);
    const insertFix: Fix = {
      title: dropper ? `Accept SSH above the rule on line ${dropper.index + 1}` : 'Accept SSH at the end of INPUT',
      isPreferred: preferNext(),
      edits: [insert],
    };
    if (works(insertFix)) fixes.push(insertFix);

    ctx.report({
      range,
      messageId,
      data: { ports: { messageId: ports.length === 1 ? 'assumed' : 'assumedMany', data: { list: describe(ports) } }, chain: chainName, by, note },
      related: commented ? [{ range: lineRange(commented), messageId: 'sshRuleCommented' }] : [],
      fixes,
      settingFixes: elsewhere.settingFixes,
    });
  },
};
