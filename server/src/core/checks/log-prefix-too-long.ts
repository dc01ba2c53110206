import { spanRange } from '../lint/edits';
import type { Check } from '../lint/check';

const MAX = 29;

export const logPrefixTooLong: Check = {
  meta: {
    code: 'log-prefix-too-long',
    severity: 'warning',
    scope: 'line',
    title: 'LOG prefix longer than 29 characters',
    fixable: true,
    safeFix: true,
    messages: {
      tooLong: 'The log prefix is {length} characters; the kernel keeps only the first {max}: "{kept}".',
    },
    docs: {
      summary: 'A `-j LOG --log-prefix` longer than the 29 characters the kernel keeps.',
      why: 'The rule loads, but the kernel cuts the prefix to 29 characters without a word, so log searches and alerts keyed on the full text never match.',
      bad: '*filter\n-A INPUT -j LOG --log-prefix "firewall: dropped inbound packet: "\nCOMMIT\n',
      good: '*filter\n-A INPUT -j LOG --log-prefix "fw: dropped inbound: "\nCOMMIT\n',
      fix: 'Shorten the prefix. The quick fix cuts it to what the kernel keeps.',
    },
  },
  targets: ['LOG'],
  rule(ctx, line) {
    const o = line.rule.target?.options.find((x) => x.name === 'log-prefix');
    const arg = o?.args[0];
    if (!arg || arg.value.length <= MAX) return;
    const kept = arg.value.slice(0, MAX);
    ctx.report({
      range: spanRange(line.index, arg.start, arg.end),
      messageId: 'tooLong',
      data: { length: arg.value.length, max: MAX, kept },
      fixes: [{ title: `Cut the prefix to ${MAX} characters`, isPreferred: true, edits: [{ range: spanRange(line.index, arg.start, arg.end), newText: `"${kept.replace(/(["\\])/g, '\\$1')}"` }] }],
    });
  },
};
