import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainSnapshot, evaluateChain, fewConditions, matchRule, namesLiteralAddress, NON_TERMINATING, requiresTcp, namedPortOf, portsOf, surelyMisses, synTo, TCP_FLAG_BITS, walkBits, walkChain, type Outcomes, type Packet } from './evaluate';
import { parse } from '../syntax/parser';
import { tableOf } from '../syntax/ruleset';

/** Rules that never change a verdict: no target, or a non-terminating one. */
const changesNoVerdict = (target: string | undefined): boolean => target === undefined || NON_TERMINATING.has(target);
import { ALL_CASES } from '../../test-support/all-cases';

// Rule lines from every rule's cases, and some written for the bits (ports as numbers, names, lists).
const EXTRA = [
  '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 3306 -j DROP', '-A INPUT -p udp --dport 53 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --dports 25 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 25,587 -j ACCEPT',
  '-A INPUT -p tcp ! --dport 22 -j DROP', '-A INPUT -p TCP --dport ssh -j ACCEPT', '-A INPUT -p icmp -j ACCEPT', '-A INPUT -p 6 --dport 80 -j ACCEPT',
  '-A INPUT -p all -j ACCEPT', '-A INPUT ! -p tcp -j DROP', '-A INPUT -p sctp --dport 22 -j ACCEPT', '-A OUTPUT -p tcp --sport 22 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --destination-ports 443 -j ACCEPT', '-A INPUT -p udp -m multiport --dports 22 -j ACCEPT',
  '-A INPUT -s 10.0.0.0/8 -j LOG --log-prefix "net: "', '-A INPUT -p tcp --dport 22 -j NFLOG', '-A INPUT -m conntrack --ctstate NEW',
  '-A INPUT -p tcp -j MARK --set-mark 1', '-A INPUT -p tcp --dport 22 -j ACCEPT',
];
const PACKETS: Packet[] = [22, 25, 53, 80, 443, 3306, 40999].flatMap((port) => [
  synTo(port),
  synTo(port, { peer: 'unnamed' }),
  { hook: 'OUTPUT', localPort: port, state: 'ESTABLISHED', flags: TCP_FLAG_BITS.SYN | TCP_FLAG_BITS.ACK },
  { hook: 'OUTPUT', localPort: port, remotePort: 40000, state: 'ESTABLISHED', flags: TCP_FLAG_BITS.ACK, protocol: 'icmp', icmpType: 3 },
  { hook: 'INPUT', localPort: port, state: 'NEW', flags: 0, protocol: 'icmp', icmpType: 135 },
]);

test('a rule the walk bits rule out never matches by matchRule either', () => {
  const texts = [...Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => x.text)), ['*filter', ...EXTRA, 'COMMIT', ''].join('\n')];
  let ruledOut = 0;
  for (const text of texts) {
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const line of parse(text, family).lines) {
        if (line.kind !== 'rule') continue;
        const bits = walkBits(line.rule);
        for (const p of PACKETS) {
          if (!surelyMisses(bits, p)) continue;
          ruledOut++;
          assert.equal(matchRule(line.rule, p), 'no', `${line.text} for ${JSON.stringify(p)}`);
        }
      }
    }
  }
  assert.ok(ruledOut > 1000, `the bits rule out rules (${ruledOut} times)`);
});

test('the port a rule names, as kept for finding a port no rule names, is its only port option', () => {
  const texts = [...Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => x.text)), ['*filter', ...EXTRA, 'COMMIT', ''].join('\n')];
  const kinds = { none: 0, one: 0, read: 0 };
  for (const text of texts) {
    for (const line of parse(text).lines) {
      if (line.kind !== 'rule') continue;
      const options = line.rule.matches.flatMap((m) => m.options).filter((o) => ['dport', 'sport', 'dports', 'sports', 'ports'].includes(o.name));
      const named = namedPortOf(line.rule);
      if (named === -1) {
        kinds.none++;
        assert.equal(options.length, 0, line.text);
      } else if (named >= 0) {
        kinds.one++;
        assert.equal(options.length, 1, line.text);
        assert.deepEqual(portsOf(options[0])?.map((i) => [i.low, i.high]), [[named, named]], line.text);
      } else kinds.read++;
    }
  }
  assert.ok(kinds.none > 50 && kinds.one > 50 && kinds.read > 20, JSON.stringify(kinds));
});

const CASE_TEXTS = (): string[] => [...Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => x.text)), ['*filter', ...EXTRA, 'COMMIT', ''].join('\n')];

test('a rule without a port option answers the same for every local port', () => {
  let checked = 0;
  for (const text of CASE_TEXTS()) {
    for (const line of parse(text).lines) {
      if (line.kind !== 'rule' || namedPortOf(line.rule) !== -1) continue;
      for (const p of PACKETS) {
        const m = matchRule(line.rule, p);
        for (const port of [22, 443, 40999]) assert.equal(matchRule(line.rule, { ...p, localPort: port }), m, `${line.text} for ${JSON.stringify(p)} on ${port}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 1000, `${checked} rule and packet pairs`);
});

test('walks for one port after walks for others, which share the rules without ports, answer as a first walk does', () => {
  const shape = (o: Outcomes): unknown => [o.primary, o.primaryLine, [...o.verdicts].sort()];
  const ports = [22, 25, 53, 80, 443, 3306, 40999];
  let walks = 0;
  for (const text of CASE_TEXTS()) {
    const warm = parse(text);
    const table = tableOf(warm, 'filter');
    if (!table?.chains.get('INPUT')) continue;
    for (const port of ports) {
      for (const p of [synTo(port), { hook: 'OUTPUT', localPort: port, state: 'ESTABLISHED', flags: TCP_FLAG_BITS.SYN | TCP_FLAG_BITS.ACK } as Packet]) {
        const fresh = tableOf(parse(text), 'filter');
        const chain = p.hook;
        if (!fresh?.chains.get(chain)) continue;
        assert.deepEqual(shape(evaluateChain(table, chain, p)), shape(evaluateChain(fresh, chain, p)), `${text}\nport ${port} ${chain}`);
        walks++;
      }
    }
  }
  assert.ok(walks > 200, `${walks} walks`);
});

test('a chain walked by ports matches the rules a plain walk in order matches', () => {
  const deciding = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);
  const ports = [22, 25, 53, 80, 443, 3306, 40999];
  let walks = 0;
  for (const text of CASE_TEXTS()) {
    const table = tableOf(parse(text), 'filter');
    for (const chain of table?.chains.values() ?? []) {
      // The ports in turn, so later walks reuse what earlier ones kept of the rules without ports.
      for (const p of ports.flatMap((port) => PACKETS.filter((q) => q.localPort === port && q.peer !== 'unnamed'))) {
        const plain: Array<[number, string]> = [];
        for (let i = 0; i < chain.rules.length; i++) {
          const m = matchRule(chain.rules[i].rule, p);
          if (m === 'no') continue;
          plain.push([i, m]);
          if (m === 'yes' && deciding.has(chain.rules[i].rule.target?.name?.value ?? '')) break;
        }
        const walk = walkChain(chain, p, chainSnapshot(chain));
        assert.deepEqual(walk.at.map((i, k) => [i, walk.tri[k]]), plain, `${chain.name} for ${JSON.stringify(p)}\n${text}`);
        // Walked for verdicts only, the rules that cannot change one are left out, and only those.
        const verdicts = walkChain(chain, p, chainSnapshot(chain), true);
        const changesVerdict = (i: number): boolean => !changesNoVerdict(chain.rules[i].rule.target?.name?.value);
        assert.deepEqual(verdicts.at.map((i, k) => [i, verdicts.tri[k]]), plain.filter(([i]) => changesVerdict(i)), `verdicts only: ${chain.name} for ${JSON.stringify(p)}\n${text}`);
        walks++;
      }
    }
  }
  assert.ok(walks > 1000, `${walks} walks`);
});

test('walks that leave out the rules without a verdict answer as walks of every rule', () => {
  const shape = (o: Outcomes): unknown => [o.primary, o.primaryLine, [...o.verdicts].sort()];
  // A user chain named like a non-terminating target is jumped to: there nothing is left out.
  const logChain = ['*filter', ':INPUT ACCEPT [0:0]', ':LOG - [0:0]', '-A INPUT -p tcp -j LOG', '-A LOG -j DROP', 'COMMIT', ''].join('\n');
  let compared = 0;
  let lessWalked = 0;
  for (const text of [...CASE_TEXTS(), logChain]) {
    const table = tableOf(parse(text), 'filter');
    for (const chain of ['INPUT', 'OUTPUT']) {
      if (!table?.chains.get(chain)) continue;
      for (const p of PACKETS.filter((q) => q.hook === chain)) {
        const every = tableOf(parse(text), 'filter') as NonNullable<typeof table>;
        assert.deepEqual(shape(evaluateChain(table, chain, p)), shape(evaluateChain(every, chain, p, true)), `${text}\n${chain} ${JSON.stringify(p)}`);
        compared++;
      }
      if (table.chains.get(chain)?.rules.some((l) => changesNoVerdict(l.rule.target?.name?.value))) lessWalked++;
    }
  }
  assert.ok(compared > 1000 && lessWalked > 10, `${compared} walks, ${lessWalked} chains with rules left out`);
  assert.equal(evaluateChain(tableOf(parse(logChain), 'filter')!, 'INPUT', synTo(22)).primary, 'drop');
});

test('the bits for -p tcp, and those that let a rule through to the full catch-all test, hold exactly for rules with one core option at most, only comments, no address', () => {
  let few = 0;
  let lines = 0;
  for (const text of CASE_TEXTS()) {
    for (const line of parse(text).lines) {
      if (line.kind !== 'rule') continue;
      const r = line.rule;
      const literal = namesLiteralAddress(r);
      const expected = r.core.length <= 1 && !literal && r.matches.every((m) => m.module === 'comment');
      assert.equal(fewConditions(r), expected, line.text);
      const p = r.core.find((o) => o.name === 'protocol');
      if (r.problems.length === 0) assert.equal(requiresTcp(r), !!p && !p.negation && ['tcp', '6'].includes(p.args[0]?.value.toLowerCase() ?? ''), line.text);
      if (expected) few++;
      lines++;
    }
  }
  assert.ok(few > 50 && lines - few > 200, `${few} of ${lines}`);
});
