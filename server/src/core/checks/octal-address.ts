import { findingCheck } from '../lint/finding-check';
import { ADDRESS_MESSAGES, addressFindingsOf } from '../analysis/addresses';

export const octalAddress = findingCheck(
  {
    code: 'octal-address',
    severity: 'warning',
    scope: 'line',
    title: 'Address number read as octal',
    messages: ADDRESS_MESSAGES['octal-address'],
    fixable: true,
    docs: {
      summary: 'A source or destination such as `192.168.001.010` or `10.0.0.0/024`, with a number that has a leading zero.',
      why: 'iptables reads the numbers of `-s` and `-d` as C does: a leading zero means octal. `192.168.001.010` loads as 192.168.1.8, and `10.0.0.0/024` as a /20 (octal 24 is 20), so the rule matches other hosts than the ones written. Zero-padded addresses copied from a spreadsheet or an IPAM export are the usual cause. A number with an 8 or 9 after the zero is no octal number at all, and iptables refuses it (`invalid-value`).',
      bad: '*filter\n-A INPUT -s 192.168.001.010 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -s 192.168.1.10 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Write the numbers without leading zeros. The quick fix writes them in decimal, as they read; it changes which hosts the rule matches, so it is not applied by `--fix`.',
    },
  },
  (file) => addressFindingsOf(file, 'octal-address'),
  (f) => (f.subject ? [{ title: `Write ${f.subject}`, isPreferred: true, edits: [{ range: { start: { line: f.line, character: f.start }, end: { line: f.line, character: f.end } }, newText: f.subject }] }] : []),
);
