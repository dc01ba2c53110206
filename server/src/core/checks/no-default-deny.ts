import type { Fix, MessagePart } from '../lint/diagnostic';
import { applyEdits, insertLinesAfter, lineRange } from '../lint/edits';
import type { CommentLine, Line } from '../syntax/model';
import { parseForChecks as parse } from '../analysis/rule-facts';
import { ANYWHERE, reach, unnamedPort } from '../reach/reach';
import type { Check, CheckContext } from '../lint/check';
import type { TableModel } from '../syntax/ruleset';
import { findCommentedSshRule, sshAcceptLine, sshPortsOf } from '../lint/ssh';

const DENY_WORDS = /\b(drop|deny|reject|block)\b/i;
const REST_WORDS = /\b(all|other|others|everything|rest|else|default)\b/i;

/** A comment after INPUT's last rule that promises a final drop ("Drop all other inbound"). */
function denyComment(ctx: CheckContext, table: TableModel): CommentLine | undefined {
  const rules = table.chains.get('INPUT')?.rules ?? [];
  const last = rules.length ? rules[rules.length - 1].index : table.block.header.index;
  for (let i = last + 1; i < ctx.file.lines.length; i++) {
    const line = ctx.file.lines[i];
    if (line.kind === 'table') break;
    if (line.kind === 'comment' && DENY_WORDS.test(line.text) && REST_WORDS.test(line.text)) return line;
  }
  return undefined;
}

export const noDefaultDeny: Check = {
  meta: {
    code: 'no-default-deny',
    severity: 'warning',
    title: 'INPUT lets everything else in',
    fixable: true,
    messages: {
      letIn: 'A new connection to any port no rule names (tcp/{port}, for one) is let in: {by}. Every other listening service is open too.',
      letInDespiteComment: 'A new connection to any port no rule names (tcp/{port}, for one) is let in: {by}. Every other listening service is open too. The comment on line {comment} says "{says}", but no rule under it drops anything.',
      acceptedByRule: 'the rule on line {at} accepts it',
      acceptedByPolicy: 'the INPUT policy is {policy} and no rule drops it',
    },
    docs: {
      summary: 'A new connection to a port that no rule names is accepted: INPUT has neither a DROP policy nor a final DROP or REJECT.',
      why: [
        'A firewall that lists the services it opens is only a firewall if everything else is closed. With the',
        'INPUT policy ACCEPT and no final drop, every other listening service (a database, a test server, an',
        'admin panel) is open to the internet too. A comment such as "Drop all other inbound" with no rule',
        'under it is the classic way this happens: the intent is written down, the rule is not.',
      ].join('\n'),
      bad: ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', '# Drop all other inbound', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', '# Drop all other inbound', '-A INPUT -j DROP', 'COMMIT', ''].join('\n'),
      fix: [
        'End INPUT with `-A INPUT -j DROP`, or set its policy to DROP (`:INPUT DROP [0:0]`). The quick fix adds the',
        'final DROP under the comment that promised it, or after the last INPUT rule. It is offered only when the',
        'result keeps SSH open; if SSH would be cut off, it also adds the SSH accept (uncommenting it when the',
        'file has it commented out).',
      ].join('\n'),
    },
  },
  file(ctx) {
    const table = ctx.table('filter');
    if (!table || !table.chains.get('INPUT')) return;
    const port = unnamedPort(ctx.file);
    const r = reach(ctx.file, { port, from: ANYWHERE });
    if (r.verdict !== 'accept' || r.possible.length !== 1) return;

    const input = table.chains.get('INPUT');
    const decider = r.steps[0].outcomes.primaryLine;
    const by: MessagePart = decider >= 0 && ctx.file.lines[decider].kind === 'rule'
      ? { messageId: 'acceptedByRule', data: { at: { line: decider } } }
      : { messageId: 'acceptedByPolicy', data: { policy: input?.policy?.value ?? 'ACCEPT' } };
    const comment = denyComment(ctx, table);
    const anchor: Line = comment ?? input?.declaredAt ?? table.block.header;
    const found: MessagePart = comment
      ? { messageId: 'letInDespiteComment', data: { port, by, comment: { line: comment.index }, says: comment.text.replace(/^#+\s*/, '') } }
      : { messageId: 'letIn', data: { port, by } };

    const fixes: Fix[] = [];
    const rules = input?.rules ?? [];
    // Under the promising comment when it sits in the block, else after INPUT's last rule.
    const after = comment && comment.block === table.block ? comment : rules.length ? rules[rules.length - 1] : (input?.declaredAt ?? table.block.header);
    const drop = insertLinesAfter(ctx.file, after.index, ['-A INPUT -j DROP']);
    const checks = ['ssh-lockout', 'missing-table-header', 'missing-commit'];
    const before = ctx.verifying ? 0 : ctx.relint(ctx.text, checks).length;
    const works = (fix: Fix): boolean => !ctx.verifying && ctx.relint(applyEdits(ctx.text, fix.edits), checks).length <= before;
    const ruleDecides = decider >= 0 && ctx.file.lines[decider].kind === 'rule';
    const plain: Fix = ruleDecides
      ? { title: `Delete the accept-everything rule on line ${decider + 1}`, isPreferred: true, edits: [{ range: { start: { line: decider, character: 0 }, end: { line: decider + 1, character: 0 } }, newText: '' }] }
      : { title: 'Drop everything else at the end of INPUT', isPreferred: true, edits: [drop] };
    const stillOpen = (fix: Fix): boolean => reach(parse(applyEdits(ctx.text, fix.edits), ctx.file.family, ctx.file, ctx.file.version), { port, from: ANYWHERE }).verdict === 'accept';
    if (works(plain) && !stillOpen(plain)) fixes.push(plain);
    else if (!ruleDecides) {
      const ports = sshPortsOf(ctx.options);
      const commented = findCommentedSshRule(table.block, ports);
      const ssh = commented
        ? { range: lineRange(commented), newText: commented.text.replace(/^#+\s*/, '') }
        : insertLinesAfter(ctx.file, after.index, [sshAcceptLine(ports)]);
      // Both edits insert after the same line when SSH is added: one insertion keeps their order.
      const edits = commented ? [ssh, drop] : [insertLinesAfter(ctx.file, after.index, [sshAcceptLine(ports), '-A INPUT -j DROP'])];
      const withSsh: Fix = { title: commented ? `Uncomment the SSH rule on line ${commented.index + 1} and drop everything else` : 'Accept SSH, then drop everything else', isPreferred: true, edits };
      if (works(withSsh)) fixes.push(withSsh);
    }
    ctx.report({ range: lineRange(anchor), ...found, fixes });
  },
};
