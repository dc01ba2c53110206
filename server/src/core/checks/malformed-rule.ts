import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const malformedRule = findingCheck(
  {
    code: 'malformed-rule',
    severity: 'error',
    scope: 'line',
    title: 'Line iptables-restore cannot read as a rule',
    messages: READ_MESSAGES,
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A word that is not an option or an argument (``Bad argument `x\'``), a line with no `-A`/`-I` command, or an option given twice.',
      why: [
        'Inside a table every line that is not a comment, a `:chain` line or `COMMIT` is read as iptables',
        'arguments. A stray word, a lowercase `commit`, a line of blanks, `-p` given twice or two commands on one',
        'line make iptables-restore stop the whole file at that line.',
      ].join('\n'),
      bad: '*filter\n:INPUT ACCEPT [0:0]\ncommit\n',
      good: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
      fix: 'Remove the stray word or complete the rule. For a lowercase `commit` the quick fix writes `COMMIT`; for a line of blanks it empties the line.',
    },
  },
  (file) => passFindings(file, 'malformed-rule'),
  (f, ctx) => {
    const line = ctx.file.lines[f.line];
    if (!line) return [];
    if (line.text.trim().toLowerCase() === 'commit') {
      return [{ title: 'Write COMMIT in capitals', isPreferred: true, edits: [{ range: { start: { line: f.line, character: 0 }, end: { line: f.line, character: line.text.length } }, newText: 'COMMIT' }] }];
    }
    if (line.text.trim() === '') {
      return [{ title: 'Remove the blanks from this line', isPreferred: true, edits: [{ range: { start: { line: f.line, character: 0 }, end: { line: f.line, character: line.text.length } }, newText: '' }] }];
    }
    return [];
  },
);
