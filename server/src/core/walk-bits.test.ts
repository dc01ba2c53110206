import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRule, namedPortOf, portsOf, surelyMisses, synTo, TCP_FLAG_BITS, walkBits, type Packet } from './evaluate';
import { parse } from './parser';
import { ALL_CASES } from './rules/all-cases';

// Rule lines from every rule's cases, and some written for the bits (ports as numbers, names, lists).
const EXTRA = [
  '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 3306 -j DROP', '-A INPUT -p udp --dport 53 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --dports 25 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 25,587 -j ACCEPT',
  '-A INPUT -p tcp ! --dport 22 -j DROP', '-A INPUT -p TCP --dport ssh -j ACCEPT', '-A INPUT -p icmp -j ACCEPT', '-A INPUT -p 6 --dport 80 -j ACCEPT',
  '-A INPUT -p all -j ACCEPT', '-A INPUT ! -p tcp -j DROP', '-A INPUT -p sctp --dport 22 -j ACCEPT', '-A OUTPUT -p tcp --sport 22 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --destination-ports 443 -j ACCEPT', '-A INPUT -p udp -m multiport --dports 22 -j ACCEPT',
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
