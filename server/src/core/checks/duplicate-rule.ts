import type { Finding } from '../analysis/finding';
import { cleanRules } from '../analysis/rule-problems';
import { findingCheck } from '../lint/finding-check';
import { HashTable } from '../net/hash-table';
import type { ParsedFile, RuleLine } from '../syntax/model';
import { ruleText } from '../syntax/rule-text';

const sameRuleText = (a: RuleLine, b: RuleLine): boolean => ruleText(a) === ruleText(b);

/** The `-A` rules that repeat an earlier `-A` of their block with the same arguments, however spaced. */
function copies(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    const rules = cleanRules(file, block);
    // The first line of each rule text, by the hash the parse took of it.
    const appended = new HashTable<RuleLine, RuleLine>(rules.length, sameRuleText);
    for (const line of rules) {
      if (line.rule.command?.name !== 'append') continue;
      const first = appended.get(line, line.textHash);
      if (!first) appended.set(line, line.textHash, line);
      else {
        out.push({
          code: 'duplicate-rule', line: line.index, start: 0, end: line.text.length,
          messageId: 'copy', data: { first: { line: first.index } }, related: { line: first.index, messageId: 'firstCopy' },
        });
      }
    }
  }
  return out;
}

export const duplicateRule = findingCheck(
  {
    code: 'duplicate-rule',
    severity: 'warning',
    title: 'Same rule twice',
    messages: {
      copy: 'The same rule as line {first}: this copy never decides anything the first has not.',
      firstCopy: 'first copy',
    },
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A rule appended to the same chain as an identical earlier rule in the same block.',
      why: 'Both load, but the second never decides anything the first has not already decided. It is usually a paste left over from an edit, and it hides which copy is the one to change.',
      bad: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Delete the copy; the quick fix removes the later line.',
    },
  },
  copies,
  (f) => [{ title: 'Delete this copy', isPreferred: true, edits: [{ range: { start: { line: f.line, character: 0 }, end: { line: f.line + 1, character: 0 } }, newText: '' }] }],
);
