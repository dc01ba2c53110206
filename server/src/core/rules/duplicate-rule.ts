import { lineRange } from '../edits';
import type { LintRule } from '../rule';

export const duplicateRule: LintRule = {
  meta: {
    code: 'duplicate-rule',
    severity: 'warning',
    title: 'Same rule twice',
    fixable: true,
    docs: {
      summary: 'A rule appended to the same chain as an identical earlier rule in the same block.',
      why: 'Both load, but the second never decides anything the first has not already decided. It is usually a paste left over from an edit, and it hides which copy is the one to change.',
      bad: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Delete the copy; the quick fix removes the later line.',
    },
  },
  file(ctx) {
    for (const block of ctx.file.blocks) {
      const seen = new Map<string, number>();
      for (const line of block.lines) {
        if (line.kind !== 'rule' || line.rule.command?.name !== 'append' || line.rule.problems.length > 0) continue;
        // Same text after the counters; spacing differences are rare enough to ignore.
        const key = line.counters ? line.text.slice(line.counters.end).trim() : line.text;
        const at = seen.get(key);
        if (at === undefined) {
          seen.set(key, line.index);
          continue;
        }
        ctx.report({
          range: lineRange(line),
          message: `The same rule as line ${at + 1}: this copy never decides anything the first has not.`,
          related: [{ range: lineRange(ctx.file.lines[at]), message: 'first copy' }],
          fixes: [{ title: 'Delete this copy', isPreferred: true, edits: [{ range: { start: { line: line.index, character: 0 }, end: { line: line.index + 1, character: 0 } }, newText: '' }] }],
        });
      }
    }
  },
};
