// The `-A` rules that repeat an earlier `-A` of their block with the same arguments, however spaced
// (duplicate-rule). Both load; the copy never decides anything.
import { HashTable } from '../net/hash-table';
import type { RuleLine } from '../syntax/model';
import { ruleText } from '../syntax/rule-text';
import type { Finding } from './finding';

const sameRuleText = (a: RuleLine, b: RuleLine): boolean => ruleText(a) === ruleText(b);

/** The first line of each rule text of a block, by the hash the parse took of it. */
export type Appended = HashTable<RuleLine, RuleLine>;

export function startDuplicates(lines: number): Appended {
  return new HashTable<RuleLine, RuleLine>(lines, sameRuleText);
}

/** One rule that iptables reads without a problem. */
export function duplicateStep(appended: Appended, line: RuleLine, out: Finding[]): void {
  if (line.rule.command?.name !== 'append') return;
  const first = appended.get(line, line.textHash);
  if (!first) appended.set(line, line.textHash, line);
  else {
    out.push({
      code: 'duplicate-rule', line: line.index, start: 0, end: line.text.length,
      messageId: 'copy', data: { first: { line: first.index } }, related: { line: first.index, messageId: 'firstCopy' },
    });
  }
}

export const DUPLICATE_MESSAGES = {
  copy: 'The same rule as line {first}: this copy never decides anything the first has not.',
  firstCopy: 'first copy',
} as const;
