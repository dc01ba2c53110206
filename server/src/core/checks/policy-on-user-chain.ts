import { findingRule } from '../lint/finding-check';

export const policyOnUserChain = findingRule(
  {
    code: 'policy-on-user-chain',
    severity: 'warning',
    title: 'Policy on a user chain',
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A `:NAME POLICY` line that gives a policy to a chain that is not built into its table.',
      why: [
        'Only built-in chains have a policy. iptables-nft-restore drops `DROP` on `:MYCHAIN DROP [0:0]` without',
        'a word, so packets that fall off the end of MYCHAIN return to the caller instead of being dropped;',
        'iptables-legacy-restore refuses the file with ``Can\'t set policy `DROP\' on `MYCHAIN\' line N: Bad',
        'built-in chain name``. A chain of another table (`:PREROUTING` in filter) is a user chain here too.',
      ].join('\n'),
      bad: '*filter\n:LOGDROP DROP [0:0]\n-A LOGDROP -j LOG\nCOMMIT\n',
      good: '*filter\n:LOGDROP - [0:0]\n-A LOGDROP -j LOG\n-A LOGDROP -j DROP\nCOMMIT\n',
      fix: 'Write `-` as the policy and end the chain with an explicit rule (`-A MYCHAIN -j DROP`). The quick fix writes `-`.',
    },
  },
  (f) => [{ title: 'Write "-" (no policy)', isPreferred: true, edits: [{ range: { start: { line: f.line, character: f.start }, end: { line: f.line, character: f.end } }, newText: '-' }] }],
);
