import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { eachOptionUse, extensionsWith } from '../lint/option-uses';
import { MATCHES, TARGETS } from '../kb';
import { parseUint } from '../kb/forms';
import type { OptionUse, RuleLine } from '../syntax/model';

// The extensions with a number the kernel keeps in fewer bits than iptables reads.
const narrowing = (specs: typeof MATCHES): string[] =>
  extensionsWith(specs, (form) => form.kind === 'number' && (form.keepsBits !== undefined || form.clampsAt !== undefined));

export const numberWraps: Check = {
  meta: {
    code: 'number-wraps',
    severity: 'warning',
    scope: 'line',
    title: 'Number the kernel keeps in fewer bits, or lowers',
    fixable: false,
    messages: {
      wraps: '--{option} {value} loads as {loaded}: {ext} reads a 32-bit number, and the kernel keeps only its low {bits} bits, without a word.',
      clamped: '--{option} {value} loads as {loaded}: the kernel lowers it to its largest, {loaded}, and says so only in its log.',
    },
    docs: {
      summary: 'A number that iptables reads in 32 bits but the kernel keeps in fewer, such as SYNPROXY\'s `--mss` (16) and `--wscale` (8), or lowers, such as hashlimit\'s `--hashlimit-htable-size` and `--hashlimit-htable-max` (1048576).',
      why: [
        'iptables 1.8.9 reads SYNPROXY\'s `--mss` and `--wscale` as 32-bit numbers, and the kernel\'s fields hold 16 and 8',
        'bits: `--mss 65537` loads as 1 and `--wscale 257` as 1. The rule loads, but announces what nobody meant, and',
        '`iptables-save` prints the cut number. The kernel\'s hashlimit lowers a table size or maximum above 1048576 to',
        '1048576, and notes it only in the kernel log.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp -j SYNPROXY --mss 65537\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp -j SYNPROXY --mss 1460\nCOMMIT\n',
      fix: 'Write the number you mean, within the field: an MSS up to 65535, a window scale up to 14. There is no quick fix: which number was meant is not clear.',
    },
  },
  matches: narrowing(MATCHES),
  targets: narrowing(TARGETS),
  rule(ctx, line) {
    eachOptionUse(line, (o) => checkOption(ctx, line, o));
  },
};

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const form = o.spec?.form;
  const arg = o.args[0];
  if (!arg || form?.kind !== 'number') return;
  const n = parseUint(arg.value);
  // A number iptables refuses is invalid-value's.
  if (n === undefined || n > form.max) return;
  const range = spanRange(line.index, arg.start, arg.end);
  if (form.clampsAt !== undefined && n > form.clampsAt) {
    ctx.report({ range, messageId: 'clamped', data: { option: o.name, value: arg.value, loaded: form.clampsAt } });
    return;
  }
  if (form.keepsBits === undefined) return;
  const size = 2 ** form.keepsBits;
  if (n < size) return;
  ctx.report({ range, messageId: 'wraps', data: { option: o.name, value: arg.value, loaded: n % size, ext: o.owner ?? '', bits: form.keepsBits } });
}
