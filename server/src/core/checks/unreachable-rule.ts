import { lineRange } from '../lint/edits';
import type { RuleLine } from '../syntax/model';
import type { Check } from '../lint/check';
import { chainSnapshot } from '../reach/evaluate';
import { conditionsOf, matchesEverything, mayMatchEverything } from '../reach/rule-cover';

const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);
const MEMO_KEY = 'unreachable-rule';

/** The rule decides every packet that reaches it and sends none on: later rules never see anything. */
export function isCatchAll(line: RuleLine): boolean {
  // Cheap tests first, on the rule itself: a catch-all has at most `-p all` and comments.
  const rule = line.rule;
  if (!mayMatchEverything(line) || rule.problems.length > 0) return false;
  const target = rule.target;
  if (!target?.name) return false;
  if (!target.goto && !TERMINAL.has(target.name.value)) return false;
  const c = conditionsOf(line);
  return !!c && matchesEverything(c);
}

export const unreachableRule: Check = {
  meta: {
    code: 'unreachable-rule',
    severity: 'warning',
    title: 'Rule after a catch-all',
    fixable: false,
    messages: {
      neverReached: 'Never reached: the rule on line {catchAll} has no conditions and {target} every packet first, so nothing gets past it in {chain}.',
      neverReachedGoto: 'Never reached: the rule on line {catchAll} has no conditions and goes to {target} first, so nothing gets past it in {chain}.',
      catchAll: 'the catch-all',
    },
    docs: {
      summary: 'A rule placed after a rule with no conditions that accepts, drops, rejects or returns every packet: nothing ever reaches it.',
      why: [
        'netfilter reads a chain from the top and stops at the first rule that decides. Once `-A INPUT -j DROP`',
        '(or a bare ACCEPT, REJECT or RETURN) has run, the rules below it are dead: an SSH accept appended after',
        'the final DROP, as happens when rules are added with `>>` or pasted at the end, never takes effect.',
      ].join('\n'),
      bad: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j DROP', '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -j DROP', 'COMMIT', ''].join('\n'),
      fix: 'Move the rule above the catch-all, or delete it if it is no longer wanted. There is no quick fix: which one is right depends on what the rule was meant to do.',
    },
  },
  file(ctx) {
    for (const block of ctx.file.blocks) {
      const table = ctx.table(block.name);
      if (!table || table.block !== block) continue;
      for (const chain of table.chains.values()) {
        // Kept with the chain's parsed rules: after an edit, only the chain it changed is read again.
        const snapshot = chainSnapshot(chain);
        let at = snapshot?.memo.get(MEMO_KEY) as number | undefined;
        if (at === undefined) {
          at = chain.rules.findIndex(isCatchAll);
          snapshot?.memo.set(MEMO_KEY, at);
        }
        if (at < 0) continue;
        const catchAll = chain.rules[at];
        const messageId = catchAll.rule.target?.goto ? 'neverReachedGoto' : 'neverReached';
        const data = { catchAll: { line: catchAll.index }, target: `${catchAll.rule.target?.name?.value}`, chain: chain.name };
        for (const line of chain.rules.slice(at + 1)) {
          ctx.report({
            range: lineRange(line),
            messageId,
            data,
            related: [{ range: lineRange(catchAll), messageId: 'catchAll' }],
          });
        }
      }
    }
  },
};
