import { parseIPv4, parseIPv6 } from '../address';
import { spanRange } from '../edits';
import type { LintRule } from '../rule';

function network(text: string, family: 'ipv4' | 'ipv6'): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  // A full-length mask cannot leave host bits: the common `/32` is settled without a copy.
  if (text.endsWith(family === 'ipv4' ? '/32' : '/128')) return undefined;
  const mask = text.slice(slash + 1);
  if (!/^\d+$/.test(mask)) return undefined;
  const prefix = Number(mask);
  const bytes = family === 'ipv4' ? parseIPv4(text.slice(0, slash)) : parseIPv6(text.slice(0, slash));
  if (!bytes) return undefined;
  const net = bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  });
  if (net.every((b, i) => b === bytes[i])) return undefined;
  if (family === 'ipv4') return `${net.join('.')}/${prefix}`;
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((net[i] << 8) | net[i + 1]).toString(16));
  return `${words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${prefix}`;
}

export const hostBitsSet: LintRule = {
  meta: {
    code: 'host-bits-set',
    severity: 'warning',
    title: 'Address with host bits beyond its mask',
    fixable: true,
    docs: {
      summary: 'A source or destination such as `10.1.2.3/8`, whose address has bits set beyond the mask.',
      why: 'iptables keeps only the network part: `10.1.2.3/8` becomes `10.0.0.0/8`, all of 10.x.x.x. It was probably meant as the single host 10.1.2.3 (`/32`) or a smaller network, so the rule matches far more than intended.',
      bad: '*filter\n-A INPUT -s 10.1.2.3/8 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n',
      fix: 'Write the network iptables will use (the quick fix does), or the mask you meant.',
    },
  },
  file(ctx) {
    for (const line of ctx.file.lines) {
      if (line.kind !== 'rule' || line.rule.problems.length > 0) continue;
      for (const o of line.rule.core) {
        if (o.name !== 'source' && o.name !== 'destination') continue;
        const arg = o.args[0];
        if (!arg || arg.value.includes(',')) continue;
        const net = network(arg.value, ctx.file.family);
        if (!net) continue;
        ctx.report({
          range: spanRange(line.index, arg.start, arg.end),
          message: `${arg.value} has host bits set beyond the mask: iptables stores it as ${net}, which matches the whole network.`,
          fixes: [{ title: `Write ${net}`, isPreferred: true, edits: [{ range: spanRange(line.index, arg.start, arg.end), newText: net }] }],
        });
      }
    }
  },
};
