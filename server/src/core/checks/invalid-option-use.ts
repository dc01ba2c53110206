import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const invalidOptionUse = findingCheck({
  code: 'invalid-option-use',
  severity: 'error',
  scope: 'line',
  title: 'Option used in a way iptables refuses',
  messages: READ_MESSAGES,
  fixable: false,
  docs: {
    summary: 'An option given twice, negated when it cannot be, left out when the extension requires it, or combined with one it excludes.',
    why: [
      'Extensions check their options once the rule is read: `-j SNAT` needs `--to-source`, `-m conntrack` needs',
      'at least one option, `--connlimit-saddr` excludes `--connlimit-daddr`, and most options may appear only',
      'once. iptables-restore stops with messages such as `SNAT: option "--to-source" must be specified`.',
    ].join('\n'),
    bad: '*filter\n-A INPUT -m conntrack --ctstate NEW --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n',
    good: '*filter\n-A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT\nCOMMIT\n',
    fix: 'Merge repeated options into one list, add the option the extension requires, or drop the conflicting one.',
  },
}, (file) => passFindings(file, 'invalid-option-use'));
