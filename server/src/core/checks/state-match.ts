import { spanRange } from '../lint/edits';
import type { Check } from '../lint/check';

export const stateMatch: Check = {
  meta: {
    code: 'state-match',
    severity: 'hint',
    scope: 'line',
    title: '-m state is the old name of conntrack',
    fixable: true,
    safeFix: true,
    messages: {
      stateAlias: '-m state is an alias of -m conntrack --ctstate; the conntrack spelling is the current one.',
    },
    docs: {
      summary: 'A `-m state --state` match, which the kernel runs as `-m conntrack --ctstate`.',
      why: 'It works and loads: since Linux 3.7 `state` is an alias inside the conntrack match. The conntrack spelling is the current one, is what iptables documentation and `iptables-translate` use, and offers more (`--ctstatus`, `--ctdir`...).',
      bad: '*filter\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\nCOMMIT\n',
      fix: 'The quick fix rewrites `-m state --state X` as `-m conntrack --ctstate X`; the rule matches exactly the same packets.',
    },
  },
  matches: ['state'],
  rule(ctx, line) {
    if (line.rule.problems.length > 0) return;
    const m = line.rule.matches.find((x) => x.module === 'state' && !x.implicit);
    const opt = m?.options.find((o) => o.name === 'state');
    if (!m || !opt || m.options.length !== 1) return;
    ctx.report({
      range: spanRange(line.index, m.name.start, m.name.end),
      messageId: 'stateAlias',
      fixes: [{
        title: 'Use -m conntrack --ctstate',
        isPreferred: true,
        edits: [
          { range: spanRange(line.index, m.name.start, m.name.end), newText: 'conntrack' },
          { range: spanRange(line.index, opt.flag.start, opt.flag.end), newText: '--ctstate' },
        ],
      }],
    });
  },
};
