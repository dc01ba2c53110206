import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRule, surelyMisses, synTo, TCP_FLAG_BITS, walkBits, type Packet } from './evaluate';
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
