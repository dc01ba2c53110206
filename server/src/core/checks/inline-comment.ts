import { insertLinesBefore } from '../lint/edits';
import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const inlineComment = findingCheck(
  {
    code: 'inline-comment',
    severity: 'error',
    scope: 'line',
    title: 'Comment after a rule',
    messages: READ_MESSAGES,
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A `# comment` after a rule on the same line.',
      why: [
        'iptables-restore only knows comments that take a whole line, starting with `#` in the first column.',
        'After a rule, `#` is just another argument, and the load stops with ``Bad argument `#\'``.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT # ssh\nCOMMIT\n',
      good: '*filter\n# ssh\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Put the comment on its own line above the rule (the quick fix does), or attach it with `-m comment --comment "..."`.',
    },
  },
  (file) => passFindings(file, 'inline-comment'),
  (f, ctx) => {
    const line = ctx.file.lines[f.line];
    if (!line) return [];
    const comment = line.text.slice(f.start).trim();
    let cut = f.start;
    while (cut > 0 && (line.text[cut - 1] === ' ' || line.text[cut - 1] === '\t')) cut--;
    return [{
      title: 'Move the comment to its own line above',
      isPreferred: true,
      edits: [
        insertLinesBefore(ctx.file, f.line, [comment]),
        { range: { start: { line: f.line, character: cut }, end: { line: f.line, character: line.text.length } }, newText: '' },
      ],
    }];
  },
);
