import type { Fix } from '../lint/diagnostic';
import { lineRange } from '../lint/edits';
import { atTopOfChain } from '../lint/fixes';
import { decidingStop, reach } from '../reach/reach';
import type { Check, CheckContext } from '../lint/check';
import type { TableModel } from '../syntax/ruleset';
import { DECIDED_BY_MESSAGES, decidedBy } from '../lint/decided-by';

/** MySQL's port: the classic loopback service on a mail host (Postfix and Dovecot look up users there). */
const LOCAL_PORT = 3306;

function loopbackFix(ctx: CheckContext, table: TableModel, chain: 'INPUT' | 'OUTPUT'): Fix {
  const text = `-A ${chain} ${chain === 'INPUT' ? '-i' : '-o'} lo -j ACCEPT`;
  const declared = table.chains.get(chain)?.declaredAt ?? table.block.header;
  return {
    title: `Accept loopback traffic at the top of ${chain}`,
    isPreferred: true,
    edits: [atTopOfChain(ctx.file, table, chain, [text], declared.index)],
  };
}

export const missingLoopback: Check = {
  meta: {
    code: 'missing-loopback',
    severity: 'warning',
    title: 'Loopback traffic dropped',
    fixable: true,
    messages: {
      loopbackDropped: 'Connections from this host to itself over lo ({address}) are dropped by {by}: local services break, such as Postfix or Dovecot talking to MySQL on {address}:{port}. Accept loopback traffic first.',
      ...DECIDED_BY_MESSAGES,
    },
    docs: {
      summary: 'Connections from the host to itself over `lo` (127.0.0.1) are dropped by INPUT or OUTPUT.',
      why: [
        'Services on one host talk to each other over the loopback interface: Postfix and Dovecot look up users in',
        'MySQL on 127.0.0.1:3306, webmail talks to IMAP on localhost, a milter listens on a local port. A DROP',
        'policy without `-i lo -j ACCEPT` cuts all of that, and the failure shows up far from the firewall, as',
        '"cannot connect to MySQL" in the mail log.',
      ].join('\n'),
      bad: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n'),
      fix: 'Accept everything on `lo` first: `-A INPUT -i lo -j ACCEPT` (and `-A OUTPUT -o lo -j ACCEPT` when OUTPUT drops by default). The quick fix inserts it at the top of the chain that drops.',
    },
  },
  file(ctx) {
    const table = ctx.table('filter');
    if (!table) return;
    const local = ctx.file.family === 'ipv6' ? '::1' : '127.0.0.1';
    const r = reach(ctx.file, { port: LOCAL_PORT, from: local, to: local, iface: 'lo' });
    if (r.verdict === 'accept' || r.possible.includes('accept')) return;
    const step = r.verdict === 'half-open' ? r.steps.slice(1).find((s) => s.outcomes.primary !== 'accept') : r.steps[0];
    // Over lo every packet leaves through OUTPUT and arrives through INPUT: the walk says which dropped it.
    const stop = step ? decidingStop(step) : undefined;
    const chain = stop?.table === 'filter' && (stop.chain === 'INPUT' || stop.chain === 'OUTPUT') ? stop.chain : (step?.hook ?? 'INPUT');
    const at = step?.outcomes.primaryLine ?? -1;
    const line = at >= 0 ? ctx.file.lines[at] : (table.chains.get(chain)?.declaredAt ?? table.block.header);
    ctx.report({
      range: lineRange(line),
      messageId: 'loopbackDropped',
      data: { address: local, port: LOCAL_PORT, by: decidedBy(table, chain, at) },
      fixes: [loopbackFix(ctx, table, chain)],
    });
  },
};
