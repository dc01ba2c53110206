import { findingCheck } from '../lint/finding-check';
import { KERNEL_MESSAGES, kernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const wrongTableOrChain = findingCheck({
  code: 'wrong-table-or-chain',
  severity: 'error',
  scope: 'line',
  title: 'Target or match where the kernel refuses it',
  messages: { ...READ_MESSAGES, ...KERNEL_MESSAGES['wrong-table-or-chain'] },
  fixable: false,
  docs: {
    summary: 'A target or match in a table or chain where the kernel does not allow it: MASQUERADE outside nat POSTROUTING, DNAT in POSTROUTING, `-m owner` in INPUT, REJECT outside filter.',
    why: [
      'Each target and some matches are registered for certain tables and hooks only. `iptables-restore --test`',
      'does not see this; the kernel refuses the rule on the real load (`RULE_APPEND failed (Invalid argument)`),',
      'which is too late on a remote server. A rule in a user chain counts from every built-in chain that jumps',
      'to it.',
    ].join('\n'),
    bad: '*filter\n-A FORWARD -o eth0 -j MASQUERADE\nCOMMIT\n',
    good: '*nat\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n',
    fix: 'Move the rule to a table and chain the message names.',
  },
}, (file) => [...passFindings(file, 'wrong-table-or-chain'), ...kernelFindings(file, 'wrong-table-or-chain')]);
