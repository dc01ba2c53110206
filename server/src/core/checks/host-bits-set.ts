import { findingCheck } from '../lint/finding-check';
import { ADDRESS_MESSAGES, addressFindingsOf } from '../analysis/addresses';

export const hostBitsSet = findingCheck(
  {
    code: 'host-bits-set',
    severity: 'warning',
    scope: 'line',
    title: 'Address with host bits beyond its mask',
    messages: ADDRESS_MESSAGES['host-bits-set'],
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A source or destination such as `10.1.2.3/8`, whose address has bits set beyond the mask.',
      why: 'iptables keeps only the network part: `10.1.2.3/8` becomes `10.0.0.0/8`, all of 10.x.x.x. It was probably meant as the single host 10.1.2.3 (`/32`) or a smaller network, so the rule matches far more than intended.',
      bad: '*filter\n-A INPUT -s 10.1.2.3/8 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n',
      fix: 'Write the network iptables will use (the quick fix does), or the mask you meant.',
    },
  },
  (file) => addressFindingsOf(file, 'host-bits-set'),
  (f) => (f.subject ? [{ title: `Write ${f.subject}`, isPreferred: true, edits: [{ range: { start: { line: f.line, character: f.start }, end: { line: f.line, character: f.end } }, newText: f.subject }] }] : []),
);
