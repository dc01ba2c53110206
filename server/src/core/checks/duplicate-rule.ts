import { passFindings } from '../analysis/block-pass';
import { DUPLICATE_MESSAGES } from '../analysis/duplicates';
import { findingCheck } from '../lint/finding-check';

export const duplicateRule = findingCheck(
  {
    code: 'duplicate-rule',
    severity: 'warning',
    title: 'Same rule twice',
    messages: DUPLICATE_MESSAGES,
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
  (file) => passFindings(file, 'duplicate-rule'),
  (f) => [{ title: 'Delete this copy', isPreferred: true, edits: [{ range: { start: { line: f.line, character: 0 }, end: { line: f.line + 1, character: 0 } }, newText: '' }] }],
);
