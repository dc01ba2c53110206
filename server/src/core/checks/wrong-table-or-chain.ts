import { findingCheck, reportLegacyFindings } from '../lint/finding-check';
import type { Check } from '../lint/check';
import { KERNEL_MESSAGES, kernelFindings, legacyKernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

const kernelRefusals = findingCheck({
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
      '',
      'A few limits hold for one back end only: the legacy kernel (x_tables) takes TRACE in the raw table',
      'only, where iptables-nft takes it anywhere. Those are errors under `firewallRules.backend` legacy,',
      'warnings when the back end is unknown, and nothing under nft.',
    ].join('\n'),
    bad: '*filter\n-A FORWARD -o eth0 -j MASQUERADE\nCOMMIT\n',
    good: '*nat\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n',
    fix: 'Move the rule to a table and chain the message names.',
  },
}, (file) => [...passFindings(file, 'wrong-table-or-chain'), ...kernelFindings(file, 'wrong-table-or-chain')]);

/** With the refusals of the legacy kernel only (TRACE outside raw), by the back end. */
export const wrongTableOrChain: Check = {
  meta: kernelRefusals.meta,
  file(ctx) {
    kernelRefusals.file?.(ctx);
    reportLegacyFindings(ctx, legacyKernelFindings(ctx.file, 'wrong-table-or-chain'));
  },
};
