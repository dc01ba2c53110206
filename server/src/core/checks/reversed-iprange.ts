import { compareAddresses, numericAddress, rangeEnds } from '../net/address';
import { spanRange } from '../lint/edits';
import type { Check } from '../lint/check';

export const reversedIprange: Check = {
  meta: {
    code: 'reversed-iprange',
    severity: 'warning',
    title: 'iprange written backwards',
    fixable: true,
    messages: {
      reversed: 'The range {range} is backwards ({first} comes after {last}): iptables loads it, warns "xt_iprange: range {range} is reversed and will never match", and the rule never matches.',
      reversedNegated: 'The range {range} is backwards ({first} comes after {last}): iptables loads it, warns "xt_iprange: range {range} is reversed and will never match", and the rule then matches every address.',
    },
    docs: {
      summary: 'A `-m iprange --src-range` or `--dst-range` whose first address comes after its last.',
      why: 'iptables loads it and only prints "xt_iprange: range ... is reversed and will never match": no address lies in it, so the rule never applies. Without `!` an accept that was meant for the range opens nothing; with `!` the rule matches every address.',
      bad: '*filter\n-A INPUT -m iprange --src-range 10.0.0.50-10.0.0.10 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -m iprange --src-range 10.0.0.10-10.0.0.50 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Write the lower address first (the quick fix swaps the two).',
    },
  },
  matches: ['iprange'],
  rule(ctx, line) {
    if (line.rule.problems.length > 0) return;
    const family = line.block ? ctx.file.family : 'ipv4';
    for (const m of line.rule.matches) {
      if (m.module !== 'iprange') continue;
      for (const o of m.options) {
        const arg = o.args[0];
        if ((o.name !== 'src-range' && o.name !== 'dst-range') || !arg) continue;
        const [first, last] = rangeEnds(arg.value);
        const lo = numericAddress(first, family === 'ipv4' ? 4 : 6);
        const hi = numericAddress(last, family === 'ipv4' ? 4 : 6);
        if (!lo || !hi || compareAddresses(lo, hi) <= 0) continue;
        const swapped = `${last}-${first}`;
        ctx.report({
          range: spanRange(line.index, arg.start, arg.end),
          messageId: o.negation ? 'reversedNegated' : 'reversed',
          data: { range: arg.value, first, last },
          fixes: arg.quoted ? [] : [{ title: `Write ${swapped}`, isPreferred: true, edits: [{ range: spanRange(line.index, arg.start, arg.end), newText: swapped }] }],
        });
      }
    }
  },
};
