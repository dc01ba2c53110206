import { spanRange } from '../lint/edits';
import type { Check } from '../lint/check';
import { utf8Length, utf8Prefix } from '../kb/forms';

const MAX = 29;

export const logPrefixTooLong: Check = {
  meta: {
    code: 'log-prefix-too-long',
    severity: 'warning',
    scope: 'line',
    title: 'LOG prefix longer than 29 bytes',
    fixable: true,
    safeFix: true,
    messages: {
      tooLong: 'The log prefix is {length} bytes; the kernel keeps only the first {max}: "{kept}".',
      tooLongInside: 'The log prefix is {length} bytes; the kernel keeps only the first {max}, which cut a character in two: "{kept}" and the first bytes of the next.',
    },
    docs: {
      summary: 'A `-j LOG --log-prefix` longer than the 29 bytes the kernel keeps.',
      why: 'The rule loads, but the kernel cuts the prefix to 29 bytes (fewer characters where they take more than a byte) without a word, so log searches and alerts keyed on the full text never match.',
      bad: '*filter\n-A INPUT -j LOG --log-prefix "firewall: dropped inbound packet: "\nCOMMIT\n',
      good: '*filter\n-A INPUT -j LOG --log-prefix "fw: dropped inbound: "\nCOMMIT\n',
      fix: 'Shorten the prefix. The quick fix cuts it to what the kernel keeps.',
    },
  },
  targets: ['LOG'],
  rule(ctx, line) {
    const o = line.rule.target?.options.find((x) => x.name === 'log-prefix');
    const arg = o?.args[0];
    // The kernel counts bytes: a prefix of 29 characters or fewer may still hold more bytes.
    if (!arg || (arg.value.length <= MAX && utf8Length(arg.value) <= MAX)) return;
    const kept = utf8Prefix(arg.value, MAX);
    ctx.report({
      range: spanRange(line.index, arg.start, arg.end),
      messageId: utf8Length(kept) < MAX ? 'tooLongInside' : 'tooLong',
      data: { length: utf8Length(arg.value), max: MAX, kept },
      fixes: [{ title: `Cut the prefix to ${MAX} bytes`, isPreferred: true, edits: [{ range: spanRange(line.index, arg.start, arg.end), newText: `"${kept.replace(/(["\\])/g, '\\$1')}"` }] }],
    });
  },
};
