// The facts written once in kb/ (tables and hooks, port options, protocol matches, the mail host's
// ports) held against the rest of the knowledge base they summarise: the option specs of
// matches.ts, the extension specs' tables and hooks, /etc/services, and what the linter says.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CORE_OPTIONS, MATCHES, TARGETS, findMatch } from '.';
import type { ExtensionSpec, OptionSpec } from './types';
import { HOOKS, IN_HOOKS, OUT_HOOKS, TABLES, TABLE_NAMES, builtinChains, isBuiltinChain, isTableName, tableList, tableSpec, tableWithChain } from './tables';
import {
  DESTINATION_OR_EITHER_PORT_OPTIONS,
  DESTINATION_PORT_OPTIONS,
  PORT_OPTIONS,
  PORT_OPTION_NAMES,
  PORT_OPTION_SPELLINGS,
  PORT_SIDES,
  SINGLE_PORT_OPTIONS,
} from './port-options';
import { MATCH_ALIASES, PORT_PROTOCOLS, PROTOCOL_MATCHES, PROTOCOL_MATCH_NAMES, protocolMatch, resolveProtocol } from './protocols';
import { MAIL_HOST_PORTS, PORT_DOCS, WELL_KNOWN_PORTS } from './values';
import { resolvePort } from '../net/ports';
import { lint } from '..';
import { applyEdits } from '../lint/edits';
import { parse } from '../syntax/parser';

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const SPECS: readonly ExtensionSpec[] = [...MATCHES, ...TARGETS];
const owners = (option: string): string[] => sorted(new Set(MATCHES.filter((m) => m.options.some((o) => o.name === option)).map((m) => m.name)));


/** The protocols with ports that have a match of their own (udplite has none in iptables 1.8.7-1.8.11). */
const OWN_PORT_MATCHES = PORT_PROTOCOLS.filter((p) => p !== 'udplite');
describe('tables, built-in chains and hooks', () => {
  test('five tables, each with its built-in chains in hook order', () => {
    assert.deepEqual(TABLE_NAMES, ['filter', 'nat', 'mangle', 'raw', 'security']);
    for (const t of TABLES) {
      const order = t.chains.map((c) => HOOKS.indexOf(c));
      assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `${t.name}: ${t.chains.join(' ')}`);
    }
    // Every hook has a table that registers on it.
    assert.deepEqual(sorted(new Set(TABLES.flatMap((t) => t.chains))), sorted(HOOKS));
  });

  test('each table\'s doc names its chains', () => {
    for (const t of TABLES) {
      const all = t.chains.length === HOOKS.length && t.doc.includes('all five built-in chains');
      assert.ok(all || t.chains.every((c) => t.doc.includes(c)), t.name);
      for (const h of HOOKS) if (!t.chains.includes(h)) assert.ok(!t.doc.includes(h), `${t.name} does not have ${h}`);
    }
  });

  test('every table and hook an extension names exists, and each hook is a chain of one of its tables', () => {
    const hooksOf = (spec: { hooks?: readonly string[] }): readonly string[] => spec.hooks ?? [];
    for (const s of SPECS) {
      for (const t of s.tables ?? []) assert.ok(isTableName(t), `${s.name}: table ${t}`);
      for (const o of [s, ...s.options]) for (const h of hooksOf(o)) assert.ok((HOOKS as readonly string[]).includes(h), `${s.name}: hook ${h}`);
      if (s.tables && s.hooks) {
        for (const h of s.hooks) assert.ok(s.tables.some((t) => isBuiltinChain(t, h)), `${s.name}: ${h} is a chain of ${s.tables.join(' or ')}`);
      }
    }
  });

  test('the interface hooks: -i is known before routing decides, -o after; FORWARD knows both', () => {
    assert.deepEqual(sorted(new Set([...IN_HOOKS, ...OUT_HOOKS])), sorted(HOOKS));
    assert.deepEqual(IN_HOOKS.filter((h) => OUT_HOOKS.includes(h)), ['FORWARD']);
    const help = (name: string): string => (CORE_OPTIONS.find((o) => o.name === name) as OptionSpec).help;
    for (const h of HOOKS) {
      assert.equal(help('in-interface').includes(h), !IN_HOOKS.includes(h), `-i and ${h}`);
      assert.equal(help('out-interface').includes(h), !OUT_HOOKS.includes(h), `-o and ${h}`);
    }
  });

  test('lookups by name answer only for real tables (not Object.prototype\'s names)', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'FILTER', '']) {
      assert.equal(tableSpec(name), undefined, name);
      assert.equal(isTableName(name), false, name);
      assert.deepEqual(builtinChains(name), [], name);
      assert.equal(isBuiltinChain(name, 'INPUT'), false, name);
    }
    assert.equal(tableWithChain('INPUT'), 'filter');
    assert.equal(tableWithChain('PREROUTING'), 'nat');
    assert.equal(tableWithChain('constructor'), undefined);
  });

  test('a table named like an Object.prototype member is an unknown table, not a crash', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const found = lint(`*${name}\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n`);
      const unknown = found.filter((d) => d.code === 'unknown-table');
      assert.equal(unknown.length, 1, name);
      assert.ok(unknown[0].message.endsWith(`The tables are ${tableList('and')}.`), unknown[0].message);
    }
    assert.equal(tableList('and'), 'filter, nat, mangle, raw and security');
    assert.equal(tableList('or'), 'filter, nat, mangle, raw or security');
  });
});

describe('port options', () => {
  // Options with a port argument that match something else than the packet's own ports.
  const TUPLE_PORTS: Readonly<Record<string, string>> = {
    ctorigsrcport: 'conntrack', ctorigdstport: 'conntrack', ctreplsrcport: 'conntrack', ctrepldstport: 'conntrack',
    vport: 'ipvs', vportctl: 'ipvs',
  };
  const PORT_FORMS = new Set(['port', 'port-range', 'port-list']);

  test('the list is every match option with a port argument, apart from conntrack\'s and ipvs\' tuple ports', () => {
    const withPortForm = new Set<string>();
    for (const m of MATCHES) {
      for (const o of m.options) {
        if (!PORT_FORMS.has(o.form.kind)) continue;
        withPortForm.add(o.name);
        if (TUPLE_PORTS[o.name] !== undefined) assert.equal(m.name, TUPLE_PORTS[o.name], o.name);
      }
    }
    assert.deepEqual(sorted(withPortForm), sorted([...PORT_OPTION_NAMES, ...Object.keys(TUPLE_PORTS)]));
    // Targets take ports only as NAT ranges or numbers, never as a packet's port option.
    for (const t of TARGETS) for (const o of t.options) assert.ok(!PORT_OPTION_NAMES.has(o.name), `${t.name} --${o.name}`);
  });

  test('a list option is multiport\'s with a port-list form; a single one belongs to each protocol with ports', () => {
    for (const p of PORT_OPTIONS) {
      const specs = MATCHES.flatMap((m) => m.options.filter((o) => o.name === p.name));
      assert.ok(specs.length > 0, p.name);
      for (const o of specs) assert.equal(o.form.kind, p.list ? 'port-list' : 'port-range', p.name);
      assert.deepEqual(owners(p.name), p.list ? ['multiport'] : sorted(OWN_PORT_MATCHES), p.name);
    }
  });

  test('each option\'s side is what its long alias says', () => {
    for (const p of PORT_OPTIONS) {
      const aliases = MATCHES.flatMap((m) => m.options.filter((o) => o.name === p.name)).flatMap((o) => o.aliases);
      const side = aliases.some((a) => a.startsWith('destination-')) ? 'destination' : aliases.some((a) => a.startsWith('source-')) ? 'source' : 'either';
      assert.equal(p.side, side, p.name);
      assert.equal(PORT_SIDES.get(p.name), side);
    }
  });

  test('the derived lists', () => {
    assert.deepEqual(sorted(PORT_OPTION_NAMES), ['dport', 'dports', 'ports', 'sport', 'sports']);
    assert.deepEqual(sorted(SINGLE_PORT_OPTIONS), ['dport', 'sport']);
    assert.deepEqual(sorted(DESTINATION_PORT_OPTIONS), ['dport', 'dports']);
    assert.deepEqual(sorted(DESTINATION_OR_EITHER_PORT_OPTIONS), ['dport', 'dports', 'ports']);
    assert.deepEqual(sorted(PORT_OPTION_SPELLINGS), sorted([
      '--dport', '--sport', '--dports', '--sports', '--ports', '--destination-port', '--source-port', '--destination-ports', '--source-ports',
    ]));
  });

  test('the parser files every spelling under the canonical name (no `destination-ports` after parsing)', () => {
    const text = [
      '*filter',
      '-A INPUT -p tcp --destination-port 22 --source-port 1024:65535 -j ACCEPT',
      '-A INPUT -p tcp -m multiport --destination-ports 25,587 -j ACCEPT',
      '-A INPUT -p udp -m multiport --source-ports 53 -j ACCEPT',
      'COMMIT',
      '',
    ].join('\n');
    const names = parse(text, 'ipv4').lines.flatMap((l) => (l.kind === 'rule' ? l.rule.matches.flatMap((m) => m.options.map((o) => o.name)) : []));
    assert.deepEqual(names, ['dport', 'sport', 'dports', 'sports']);
  });
});

describe('protocols', () => {
  test('the protocol matches are exactly the matches the kernel binds to their own protocol', () => {
    const own = new Set<string>();
    for (const m of MATCHES) if (m.protocols?.length === 1 && m.protocols[0] === m.name) own.add(m.name);
    assert.deepEqual(sorted(PROTOCOL_MATCHES), sorted(own));
  });

  test('iptables loads each one by itself after -p', () => {
    for (const m of PROTOCOL_MATCHES) {
      const proto = m === 'icmp6' ? 'ipv6-icmp' : m;
      assert.notEqual(resolveProtocol(proto), undefined, proto);
      assert.equal(protocolMatch(proto), m, proto);
    }
  });

  test('their other names are aliases the match index resolves', () => {
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const [alias, target] of Object.entries(MATCH_ALIASES[family])) assert.equal(findMatch(alias, family)?.spec.name, target, alias);
    }
    assert.deepEqual(sorted(PROTOCOL_MATCH_NAMES), sorted([...PROTOCOL_MATCHES, 'icmpv6', 'ipv6-icmp']));
  });

  test('an option of a protocol match without its -p: the fix adds the -p, which loads the match and satisfies the kernel', () => {
    for (const [family, option, proto] of [['ipv4', '--dport 22', 'tcp'], ['ipv4', '--espspi 5', 'esp'], ['ipv4', '--ahspi 5', 'ah'], ['ipv6', '--mh-type 5', 'mh'], ['ipv6', '--icmpv6-type 128', 'icmpv6']] as const) {
      const text = `*filter\n-A INPUT ${option} -j ACCEPT\nCOMMIT\n`;
      const d = lint(text, { family }).find((x) => x.code === 'unknown-option');
      const fix = d?.fixes.find((f) => f.isPreferred);
      assert.ok(fix, option);
      assert.equal(fix.title, `Add -p ${proto} before ${option.split(' ')[0]}`, option);
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual(lint(fixed, { family }).filter((x) => x.code === 'unknown-option' || x.code === 'missing-protocol').map((x) => x.message), [], fixed);
    }
  });

  test('the protocols with ports are multiport\'s; those that own --dport and --sport are all of them but udplite', () => {
    assert.deepEqual(sorted(OWN_PORT_MATCHES), owners('dport'));
    assert.deepEqual(sorted(OWN_PORT_MATCHES), owners('sport'));
    const multiport = MATCHES.find((m) => m.name === 'multiport') as ExtensionSpec;
    assert.deepEqual(sorted(multiport.protocols ?? []), sorted(PORT_PROTOCOLS));
    for (const p of OWN_PORT_MATCHES) assert.ok(PROTOCOL_MATCHES.has(p), p);
    // iptables 1.8.7 to 1.8.11 have no udplite match: `-p udplite` loads none, and `-m udplite` fails.
    assert.ok(!PROTOCOL_MATCHES.has('udplite') && !MATCHES.some((m) => m.name === 'udplite'));
  });
});

describe('the mail host\'s ports', () => {
  test('SSH and the mail services, each documented under its /etc/services name and offered first by completion', () => {
    assert.deepEqual([...MAIL_HOST_PORTS], [22, 25, 110, 143, 465, 587, 993, 995]);
    for (const port of MAIL_HOST_PORTS) {
      const doc = PORT_DOCS[port];
      assert.ok(doc, String(port));
      assert.equal(resolvePort(doc.name, 'tcp'), port, doc.name);
      assert.ok(WELL_KNOWN_PORTS.includes(port), String(port));
    }
  });
});
