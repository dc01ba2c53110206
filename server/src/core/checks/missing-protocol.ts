import { findingCheck, reportLegacyFindings } from '../lint/finding-check';
import type { Check, CheckContext } from '../lint/check';
import type { Fix } from '../lint/diagnostic';
import type { Finding } from '../analysis/finding';
import { KERNEL_MESSAGES, kernelFindings, legacyKernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';
import { afterChain, insertAt, ruleLine } from '../lint/fixes';

const kernelRefusals = findingCheck(
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
        '',
        'TCPMSS rewrites the MSS of SYN packets; the legacy kernel (x_tables) refuses it in a rule without',
        '`--syn` or `--tcp-flags ... SYN` (iptables-nft loads it): an error under `firewallRules.backend` legacy,',
        'a warning when the back end is unknown.',
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

/** The SYN match TCPMSS needs under legacy: after `-p tcp`, `--tcp-flags SYN,RST SYN` (SYN packets, as the man page has it). */
function synFix(f: Finding, ctx: CheckContext): Fix[] {
  const line = ruleLine(ctx.file, f.line);
  const p = line?.rule.core.find((o) => o.name === 'protocol' && !o.negation);
  const arg = p?.args[0];
  // A tcp match that already examines the flags (`! --syn`, say) cannot take a second --tcp-flags.
  if (!arg || !line || line.rule.matches.some((m) => m.options.some((o) => o.name === 'syn' || o.name === 'tcp-flags'))) return [];
  return [{ title: 'Match SYN packets only (--tcp-flags SYN,RST SYN)', isPreferred: true, edits: [insertAt(f.line, arg.end, ' --tcp-flags SYN,RST SYN')] }];
}

/** With what only the legacy kernel refuses (TCPMSS without a SYN match), by the back end. */
export const missingProtocol: Check = {
  meta: kernelRefusals.meta,
  file(ctx) {
    kernelRefusals.file?.(ctx);
    reportLegacyFindings(ctx, legacyKernelFindings(ctx.file, 'missing-protocol'), synFix);
  },
};
