import type { Fix } from '../lint/diagnostic';
import { spanRange } from '../lint/edits';
import { addressNetwork, isLoopbackNetwork } from '../net/address';
import type { OptionUse, RuleLine, Token } from '../syntax/model';
import { numericListMisses, parsePortList, type PortItem } from '../net/ports';
import { namedPortOf, requiresTcp } from '../reach/evaluate';
import { reach } from '../reach/reach';
import type { Check, CheckContext } from '../lint/check';
import { reachableChains, type TableModel } from '../syntax/ruleset';

interface Plaintext {
  port: number;
  name: string;
  tls: number;
  tlsName: string;
  service: string;
}

const PLAINTEXT: readonly Plaintext[] = [
  { port: 143, name: 'IMAP', tls: 993, tlsName: 'IMAPS', service: 'imaps' },
  { port: 110, name: 'POP3', tls: 995, tlsName: 'POP3S', service: 'pop3s' },
];

const PLAIN_PORTS = PLAINTEXT.map((p) => p.port);

/** Limited to the machine itself: `-i lo`, or a loopback source or destination. */
function loopbackOnly(line: RuleLine): boolean {
  return line.rule.core.some((o) => {
    if (o.negation || !o.args[0]) return false;
    if (o.name === 'in-interface') return o.args[0].value === 'lo';
    if (o.name === 'source' || o.name === 'destination') {
      const n = addressNetwork(o.args[0].value);
      return n !== undefined && isLoopbackNetwork(n);
    }
    return false;
  });
}

function isTcp(line: RuleLine): boolean {
  const p = line.rule.core.find((o) => o.name === 'protocol');
  const v = p?.args[0]?.value.toLowerCase();
  return !!p && !p.negation && (v === 'tcp' || v === '6');
}

/** Destination-port options of the rule: tcp's --dport and multiport's --dports / --ports. */
function portOptions(line: RuleLine): OptionUse[] {
  const out: OptionUse[] = [];
  for (const m of line.rule.matches) {
    for (const o of m.options) {
      if (o.negation || !o.args[0]) continue;
      if (m.module === 'tcp' && o.name === 'dport') out.push(o);
      if (m.module === 'multiport' && (o.name === 'dports' || o.name === 'ports')) out.push(o);
    }
  }
  return out;
}

interface FilterFacts {
  fromInput: ReadonlySet<string>;
  /** TLS port -> the first INPUT accept that opens exactly that port. */
  tlsOpeners: Map<number, RuleLine>;
}

// Worked out once per table and lint, not once per ACCEPT line: 20k such lines took minutes.
const factsCache = new WeakMap<TableModel, FilterFacts>();

function filterFacts(table: TableModel): FilterFacts {
  let facts = factsCache.get(table);
  if (facts) return facts;
  const tlsOpeners = new Map<number, RuleLine>();
  for (const rule of table.chains.get('INPUT')?.rules ?? []) {
    if (rule.rule.target?.name?.value !== 'ACCEPT') continue;
    const opts = portOptions(rule);
    const items = opts.length === 1 ? parsePortList(opts[0].args[0].value) : undefined;
    const port = items?.length === 1 && items[0].low === items[0].high ? items[0].low : undefined;
    if (port === undefined || !PLAINTEXT.some((p) => p.tls === port) || tlsOpeners.has(port)) continue;
    if (isTcp(rule) && !loopbackOnly(rule)) tlsOpeners.set(port, rule);
  }
  facts = { fromInput: reachableChains(table, 'INPUT'), tlsOpeners };
  factsCache.set(table, facts);
  return facts;
}

/** Another INPUT accept that opens exactly the TLS port, so this rule can simply go. */
function tlsOpenedElsewhere(ctx: CheckContext, line: RuleLine, tls: number): RuleLine | undefined {
  const table = ctx.table('filter');
  const opener = table ? filterFacts(table).tlsOpeners.get(tls) : undefined;
  return opener === line ? undefined : opener;
}

function itemFix(ctx: CheckContext, line: RuleLine, arg: Token, items: PortItem[], item: PortItem, p: Plaintext): Fix | undefined {
  if (item.low !== item.high || arg.quoted) return undefined;
  const elsewhere = items.length === 1 ? tlsOpenedElsewhere(ctx, line, p.tls) : undefined;
  if (elsewhere) {
    return {
      title: `Delete this rule: line ${elsewhere.index + 1} already opens ${p.tlsName} (${p.tls})`,
      isPreferred: true,
      edits: [{ range: { start: { line: line.index, character: 0 }, end: { line: line.index + 1, character: 0 } }, newText: '' }],
    };
  }
  const at = (offset: number): number => arg.start + offset;
  const hasTls = items.some((i) => i !== item && i.low <= p.tls && i.high >= p.tls);
  if (hasTls) {
    // The TLS port is already listed: drop the plaintext one with its comma.
    const index = items.indexOf(item);
    const from = index > 0 ? items[index - 1].end : item.start;
    const to = index > 0 ? item.end : items[index + 1].start;
    return {
      title: `Remove port ${item.text}: ${p.tlsName} (${p.tls}) is already open`,
      isPreferred: true,
      edits: [{ range: spanRange(line.index, at(from), at(to)), newText: '' }],
    };
  }
  const replacement = /^\d+$/.test(item.text) ? String(p.tls) : p.service;
  return {
    title: `Switch to ${p.tlsName} (${p.tls})`,
    isPreferred: true,
    edits: [{ range: spanRange(line.index, at(item.start), at(item.end)), newText: replacement }],
  };
}

export const plaintextMailProtocol: Check = {
  meta: {
    code: 'plaintext-mail-protocol',
    severity: 'warning',
    title: 'Mail in cleartext',
    fixable: true,
    mailProfile: true,
    messages: {
      plaintext: 'Plain {protocol} (tcp/{port}) is open to the network: passwords and mail cross it unencrypted. Open {tls} (tcp/{tlsPort}) instead.',
      plaintextInRange: 'Plain {protocol} (tcp/{port}) is open to the network through the range {range}: passwords and mail cross it unencrypted. Open {tls} (tcp/{tlsPort}) instead.',
    },
    docs: {
      summary: 'An ACCEPT rule opens plain IMAP (143) or POP3 (110) to the network instead of IMAPS (993) or POP3S (995).',
      why: [
        'IMAP on 143 and POP3 on 110 send the user\'s password and every message in cleartext unless the',
        'client upgrades with STARTTLS, and clients can be talked out of that upgrade. RFC 8314 asks mail',
        'services to offer implicit TLS on 993 (IMAPS) and 995 (POP3S) instead. With those ports open, the',
        'plain ones need not be reachable from outside at all.',
        '',
        'A rule limited to the loopback interface (`-i lo`) or to `127.0.0.0/8` is fine: webmail or a local',
        'filter talking to Dovecot on the same machine never leaves it.',
      ].join('\n'),
      bad: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp -m multiport --dports 25,110,143,587 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      good: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp -m multiport --dports 25,995,993,587 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      fix: [
        'Open 993 and 995 instead, and set Dovecot to listen with `ssl = required`. The quick fix swaps the',
        'port in the rule: 143 becomes 993 and 110 becomes 995 (`imap` becomes `imaps` and `pop3` becomes',
        '`pop3s`). If the TLS port is already in the same multiport list, the fix removes the plain one instead.',
        'A port range that covers 110 or 143 gets the warning but no quick fix.',
      ].join('\n'),
    },
  },
  targets: ['ACCEPT'],
  rule(ctx: CheckContext, line: RuleLine) {
    // Rules outside any table still say what the admin means to open, so they count too.
    if (line.block && line.block.name !== 'filter') return;
    // Cheapest test first: most ACCEPT lines open no plaintext mail port at all, and most name one
    // port or none, which the parser kept with the rule.
    const named = namedPortOf(line.rule);
    if (named === -1 || (named >= 0 && !PLAIN_PORTS.includes(named)) || !requiresTcp(line.rule)) return;
    const hits: Array<{ arg: Token; items: PortItem[]; item: PortItem; p: Plaintext }> = [];
    for (const option of portOptions(line)) {
      const arg = option.args[0];
      if (numericListMisses(arg.value, PLAIN_PORTS)) continue;
      const items = parsePortList(arg.value);
      for (const item of items ?? []) {
        for (const p of PLAINTEXT) if (p.port >= item.low && p.port <= item.high) hits.push({ arg, items: items as PortItem[], item, p });
      }
    }
    if (hits.length === 0 || !isTcp(line) || loopbackOnly(line)) return;
    const chain = line.rule.command?.chain?.value;
    if (!chain || (!line.block && chain !== 'INPUT')) return;
    const table = ctx.table('filter');
    const fromInput = table && table.block === line.block ? filterFacts(table).fromInput : new Set(['INPUT']);
    if (!fromInput.has(chain)) return;
    for (const { arg, items, item, p } of hits) {
      // Only where a connection from the network can really get through (not behind an earlier drop).
      if (table && table.block === line.block && !reach(ctx.file, { port: p.port }).possible.includes('accept')) continue;
      const exact = item.low === item.high;
      const offset = arg.quoted ? 0 : arg.start;
      const range = arg.quoted ? spanRange(line.index, arg.start, arg.end) : spanRange(line.index, offset + item.start, offset + item.end);
      const fix = itemFix(ctx, line, arg, items, item, p);
      ctx.report({
        range,
        messageId: exact ? 'plaintext' : 'plaintextInRange',
        data: { protocol: p.name, port: p.port, range: item.text, tls: p.tlsName, tlsPort: p.tls },
        fixes: fix ? [fix] : [],
      });
    }
  },
};
