import { spanRange } from '../lint/edits';
import type { MatchUse, RuleLine } from '../syntax/model';
import type { Check } from '../lint/check';
import { tokensOf } from '../syntax/rule-text';

const has = (m: MatchUse, name: string): boolean => m.options.some((o) => o.name === name && !o.negation);

/** The rule only sees the first packet of a connection: a NEW state match, `--syn`, or SYN-only flags. */
function newOnly(line: RuleLine): boolean {
  return line.rule.matches.some((m) => {
    for (const o of m.options) {
      if (o.negation) continue;
      const v = (o.args[0]?.value ?? '').toUpperCase();
      if ((m.module === 'conntrack' && o.name === 'ctstate') || (m.module === 'state' && o.name === 'state')) {
        if (v.split(',').every((s) => s === 'NEW')) return true;
      }
      if (m.module === 'tcp' && o.name === 'syn') return true;
      if (m.module === 'tcp' && o.name === 'tcp-flags' && (o.args[1]?.value ?? '').toUpperCase() === 'SYN' && /SYN/.test(v) && /ACK/.test(v)) return true;
    }
    return false;
  });
}

/** An earlier rule of the same chain accepts every ESTABLISHED packet, so later rules only see new ones. */
function establishedTakenEarlier(chainRules: RuleLine[], line: RuleLine): boolean {
  for (const r of chainRules) {
    if (r === line) return false;
    if (r.rule.target?.name?.value !== 'ACCEPT' || r.rule.core.length > 0) continue;
    const state = r.rule.matches.length === 1 ? r.rule.matches[0] : undefined;
    const opt = state?.options.find((o) => o.name === 'ctstate' || o.name === 'state');
    if (state && opt && !opt.negation && state.options.length === 1 && (opt.args[0]?.value ?? '').toUpperCase().split(',').includes('ESTABLISHED')) return true;
  }
  return false;
}

export const recentWithoutNew: Check = {
  meta: {
    code: 'recent-without-new',
    severity: 'warning',
    title: '-m recent counts every packet',
    fixable: true,
    messages: {
      setsOnEveryPacket: 'This -m recent rule sees every packet of a connection, not just the first: the handshake and the first data of one connection are recorded as several hits, so the guard drops connections it should let in. Add -m conntrack --ctstate NEW.',
      countsEveryPacket: 'This -m recent rule sees every packet of a connection, not just the first: the handshake and the first data of one login already reach the hit count, so the guard drops connections it should let in. Add -m conntrack --ctstate NEW.',
    },
    docs: {
      summary: 'A `-m recent --set` or `--update`/`--rcheck --hitcount` rule that sees every packet of a connection, not only the first.',
      why: [
        'The usual brute-force guard records each new SSH connection and drops a source after a few of them. Without',
        '`-m conntrack --ctstate NEW` (or `--syn`) on those rules, every packet is counted: the handshake and the',
        'first bytes of one login already reach the hit count, so the guard drops the connection it should let in.',
      ].join('\n'),
      bad: [
        '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 22 -m recent --name ssh --set',
        '-A INPUT -p tcp --dport 22 -m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP',
        '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', '',
      ].join('\n'),
      good: [
        '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --name ssh --set',
        '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP',
        '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', '',
      ].join('\n'),
      fix: 'Count new connections only: put `-m conntrack --ctstate NEW` before `-m recent` (the quick fix does), or accept `ESTABLISHED,RELATED` traffic in an earlier rule of the chain.',
    },
  },
  matches: ['recent'],
  rule(ctx, line) {
    if (line.rule.problems.length > 0) return;
    const m = line.rule.matches.find((x) => x.module === 'recent');
    if (!m || m.implicit) return;
    const counts = has(m, 'set') || ((has(m, 'update') || has(m, 'rcheck')) && has(m, 'hitcount'));
    if (!counts || newOnly(line)) return;
    const chain = line.rule.command?.chain?.value;
    const rules = chain && line.block ? (ctx.table(line.block.name)?.chains.get(chain)?.rules ?? []) : [];
    if (establishedTakenEarlier(rules, line)) return;
    const flag = tokensOf(line).find((t) => t.end <= m.name.start && t.value === '-m' && t.end + 1 >= m.name.start) ?? m.name;
    ctx.report({
      range: spanRange(line.index, flag.start, m.name.end),
      messageId: has(m, 'set') ? 'setsOnEveryPacket' : 'countsEveryPacket',
      fixes: [{ title: 'Count only new connections (-m conntrack --ctstate NEW)', isPreferred: true, edits: [{ range: spanRange(line.index, flag.start, flag.start), newText: '-m conntrack --ctstate NEW ' }] }],
    });
  },
};
