import { spanRange } from '../lint/edits';
import type { Check } from '../lint/check';
import { parseUint } from '../kb/forms';

// xt_recent's module parameter ip_pkt_list_tot: the packets it keeps per address, 20 unless set.
const DEFAULT_LIST_TOT = 20;
// Above this every kernel refuses the rule (invalid-value).
const KERNEL_MAX = 65535;

export const recentHitcount: Check = {
  meta: {
    code: 'recent-hitcount',
    severity: 'warning',
    scope: 'line',
    title: 'recent --hitcount above the packets kept per address',
    fixable: false,
    messages: {
      aboveList: '--hitcount {value} is above {tot}, the packets xt_recent keeps per address unless its module parameter ip_pkt_list_tot is raised. Whether the kernel takes it depends on its version: old kernels refuse the rule (as the iptables manual still says), later ones take up to 255, and current ones (Linux 6.18 here) up to 65535, growing the list to hold that many.',
    },
    docs: {
      summary: 'A `-m recent --hitcount` above 20, the default of the xt_recent module parameter `ip_pkt_list_tot`.',
      why: [
        'xt_recent remembers the last `ip_pkt_list_tot` packets of each address, 20 unless the module is loaded',
        'with another value. Old kernels refuse a rule whose `--hitcount` is above it; later ones enlarge the list',
        'instead, up to 255 packets, and current ones (Linux 6.18, measured here) up to 65535. So the rule loads',
        'or not by the kernel it meets, and the limit is a module parameter outside the rules file.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp --dport 22 -m recent --name ssh --rcheck --seconds 60 --hitcount 42 -j DROP\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 22 -m recent --name ssh --rcheck --seconds 60 --hitcount 20 -j DROP\nCOMMIT\n',
      fix: 'Keep --hitcount at 20 or below, or load xt_recent with `ip_pkt_list_tot` at least as high (`options xt_recent ip_pkt_list_tot=42` in /etc/modprobe.d).',
    },
  },
  matches: ['recent'],
  rule(ctx, line) {
    for (const m of line.rule.matches) {
      if (m.module !== 'recent') continue;
      for (const o of m.options) {
        const arg = o.args[0];
        const n = o.name === 'hitcount' && arg ? parseUint(arg.value) : undefined;
        if (!arg || n === undefined || n <= DEFAULT_LIST_TOT || n > KERNEL_MAX) continue;
        ctx.report({ range: spanRange(line.index, arg.start, arg.end), messageId: 'aboveList', data: { value: arg.value, tot: DEFAULT_LIST_TOT } });
      }
    }
  },
};
