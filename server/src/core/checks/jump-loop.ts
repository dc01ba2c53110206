import { findingRule } from '../lint/finding-check';

export const jumpLoop = findingRule({
  code: 'jump-loop',
  severity: 'error',
  title: 'Loop of jumps between chains',
  fixable: false,
  docs: {
    summary: 'Chains that jump to each other in a circle that a built-in chain can reach.',
    why: [
      'A packet caught in a loop of jumps would never leave it, so the kernel refuses the ruleset when it is',
      'committed: iptables-nft-restore stops with `RULE_APPEND failed (Too many links)`, and legacy with',
      '`line N failed` at the COMMIT. `iptables-restore --test` does not notice.',
    ].join('\n'),
    bad: '*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    good: '*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j RETURN\nCOMMIT\n',
    fix: 'Break the circle: end one chain with RETURN or a verdict instead of jumping back.',
  },
});
