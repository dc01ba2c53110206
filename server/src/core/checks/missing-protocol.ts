import { findingCheck } from '../lint/finding-check';
import { KERNEL_MESSAGES, kernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';
import { afterChain, insertAt, ruleLine } from '../lint/fixes';

export const missingProtocol = findingCheck(
  {
    code: 'missing-protocol',
    severity: 'error',
    scope: 'line',
    title: 'Match or target without the protocol it needs',
    messages: { ...READ_MESSAGES, ...KERNEL_MESSAGES['missing-protocol'] },
    fixable: true,
    docs: {
      summary: 'A match or target that only works for one protocol, used without `-p` naming it: `--reject-with tcp-reset`, `-m multiport`, `-m tcp`, SYNPROXY, TCPMSS.',
      why: [
        'Some checks only make sense for one protocol. `iptables-restore --test` misses several of them, because',
        'the kernel is what refuses the rule: the real load stops with `RULE_APPEND failed (Invalid argument)`.',
        '`REJECT --reject-with tcp-reset` is the common case: it answers with a TCP reset, so the rule must say',
        '`-p tcp`.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -j REJECT --reject-with tcp-reset\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n',
      fix: 'Add `-p PROTOCOL` to the rule. The quick fix inserts it after the chain name.',
    },
  },
  (file) => [...passFindings(file, 'missing-protocol'), ...kernelFindings(file, 'missing-protocol')],
  (f, ctx) => {
    const line = ruleLine(ctx.file, f.line);
    const p = f.subject === 'icmp6' ? 'icmpv6' : f.subject;
    if (!line || !p || line.rule.core.some((o) => o.name === 'protocol')) return [];
    return [{ title: `Add -p ${p}`, isPreferred: true, edits: [insertAt(f.line, afterChain(line), ` -p ${p}`)] }];
  },
);
