import type { Fix } from '../lint/diagnostic';
import { lineRange } from '../lint/edits';
import type { RuleLine } from '../syntax/model';
import { parsePortList } from '../net/ports';
import { ANYWHERE, reach } from '../reach/reach';
import type { Check } from '../lint/check';

const DATABASES: ReadonlyArray<{ port: number; name: string }> = [
  { port: 3306, name: 'MySQL' },
  { port: 5432, name: 'PostgreSQL' },
];

function namesPort(line: RuleLine, port: number): boolean {
  return line.rule.matches.some((m) =>
    m.options.some((o) => ['dport', 'dports', 'ports'].includes(o.name) && !o.negation && (parsePortList(o.args[0]?.value ?? '', 'tcp') ?? []).some((i) => i.low <= port && port <= i.high)),
  );
}

/** The rule opens this one port and nothing else, so deleting it closes exactly that. */
function opensOnly(line: RuleLine, port: number): boolean {
  const ports = line.rule.matches.flatMap((m) => m.options.filter((o) => ['dport', 'dports'].includes(o.name) && !o.negation));
  if (ports.length !== 1) return false;
  const items = parsePortList(ports[0].args[0]?.value ?? '', 'tcp');
  return items?.length === 1 && items[0].low === port && items[0].high === port;
}

export const databaseExposed: Check = {
  meta: {
    code: 'database-exposed',
    severity: 'warning',
    title: 'Database port open to the internet',
    fixable: true,
    mailProfile: true,
    messages: {
      exposed: '{database} (tcp/{port}) is reachable from anywhere: the rule on line {at} accepts it. Local services reach the database over lo; keep it closed to the network, or limit it to the hosts that need it with -s.',
    },
    docs: {
      summary: 'A new connection from anywhere reaches MySQL (3306) or PostgreSQL (5432).',
      why: [
        'On a mail host the database (user lists, aliases, domains) is only for local services, which reach it over',
        '`lo`. Open to the internet it is scanned within hours and password-guessed for as long as it stays open,',
        'and any weak account or unpatched server hands over the mail accounts with it.',
      ].join('\n'),
      bad: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 3306 -j ACCEPT', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n'),
      fix: [
        'Let local services use `lo` (`-A INPUT -i lo -j ACCEPT`) and do not open the port. If another host needs',
        'the database, limit the rule to that host with `-s ADDRESS`. The quick fix deletes a rule that opens only',
        'the database port. A database open only because INPUT lets everything in is reported by `no-default-deny`.',
      ].join('\n'),
    },
  },
  file(ctx) {
    if (!ctx.table('filter')) return;
    for (const db of DATABASES) {
      const r = reach(ctx.file, { port: db.port, from: ANYWHERE });
      if (r.verdict !== 'accept') continue;
      const at = r.decidedBy[0] ?? -1;
      const line = at >= 0 ? ctx.file.lines[at] : undefined;
      const rule = line?.kind === 'rule' ? line : undefined;
      // Open only through a policy or an accept-everything rule: no-default-deny's business.
      if (!rule || !namesPort(rule, db.port)) continue;
      const fixes: Fix[] = [];
      if (rule && opensOnly(rule, db.port)) {
        fixes.push({ title: `Delete this rule: keep ${db.name} to local services`, isPreferred: true, edits: [{ range: { start: { line: rule.index, character: 0 }, end: { line: rule.index + 1, character: 0 } }, newText: '' }] });
      }
      ctx.report({
        range: lineRange(rule),
        messageId: 'exposed',
        data: { database: db.name, port: db.port, at: { line: at } },
        fixes,
      });
    }
  },
};
