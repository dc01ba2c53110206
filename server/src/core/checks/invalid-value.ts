import { reportFindings, reportLegacyFindings } from '../lint/finding-check';
import type { Check } from '../lint/check';
import { KERNEL_MESSAGES, kernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const invalidValue: Check = {
  meta: {
    code: 'invalid-value',
    severity: 'error',
    scope: 'line',
    title: 'Value iptables refuses',
    messages: { ...READ_MESSAGES, ...KERNEL_MESSAGES['invalid-value'] },
    fixable: false,
    docs: {
      summary: 'A port, range, address, mask, interface name, number, state, ICMP type or other value that iptables cannot read.',
      why: [
        'Each option takes one form of value: a port up to 65535, a range written `low:high`, an address with a',
        'mask of at most /32, an interface name under 16 characters, a conntrack state from a fixed list, at most',
        '15 multiport ports. iptables-restore checks each value as it reads the rule and stops the whole file at',
        'the first it cannot read, with messages such as ``invalid port/service `70000\' specified``.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 7000 -j ACCEPT\nCOMMIT\n',
      fix: 'Correct the value; hovering the option shows the form it takes.',
    },
  },
  file(ctx) {
    const kernel = kernelFindings(ctx.file, 'invalid-value');
    reportFindings(ctx, [...passFindings(ctx.file, 'invalid-value'), ...kernel.filter((f) => !f.onlyWith)]);
    // A refusal of iptables-legacy's kernel match only (limit's credits): an error with that back end,
    // a warning when the file does not say which, and nothing with nft.
    reportLegacyFindings(ctx, kernel.filter((f) => f.onlyWith === 'legacy'));
  },
};
