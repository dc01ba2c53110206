import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MatchUse, OptionUse, ParsedRule, RuleLine, TargetUse, Token } from './model';
import { parse } from './parser';

/** What a parsed rule says, without object identity: tokens by text and place, specs by name. */
function ruleShape(r: ParsedRule): unknown {
  const tok = (t: Token | undefined): unknown => t && [t.text, t.value, t.start, t.end, t.quoted];
  const option = (o: OptionUse): unknown => [tok(o.flag), o.name, tok(o.negation), o.args.map(tok), o.owner, o.spec?.name];
  const match = (m: MatchUse): unknown => [tok(m.name), m.module, m.implicit, m.spec?.spec.name, m.options.map(option)];
  const target = (t: TargetUse | undefined): unknown => t && [tok(t.flag), tok(t.name), t.goto, t.spec?.spec.name, t.options.map(option)];
  return {
    command: r.command && [tok(r.command.flag), r.command.name, tok(r.command.chain), r.command.args.map(tok)],
    core: r.core.map(option),
    matches: r.matches.map(match),
    target: target(r.target),
    stray: r.stray.map(tok),
    problems: r.problems.map((p) => [p.code, p.message, p.start, p.end, p.option]),
    facts: [r.finalMemo?.message ?? r.finalMemo, r.shadowPort, r.shadowSrc, r.shadowDst, r.walkMemo],
  };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// Lines of one template with values of the same length (one shape) and of other lengths, valid
// and not: every `{}` takes a value from the pool after it. Some place a value where it decides
// how the line reads (`-p 6`, `-j 1X`, `-I INPUT 3`, `-c`), or one that reads as an option.
const POOLS: Record<string, string[]> = {
  addr: ['10.0.0.1', '10.0.0.2/32', '10.1.2.3/8', '192.0.2.0/24', '300.1.1.1', '10.0.0.1/33', '2001:db8::1', '1.2.3.4-1.2.3.9'],
  port: ['22', '25', '80', '99', '443', '993', '3306', '9999', '65535', '65536', '0', '1:1024', '22:', '7a', '-1', '0x16'],
  ports: ['22,25', '25,22', '22,25,465,587', '1:2,3', '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16', '80,,443'],
  text: ['"a"', '"ab"', '"b c"', '"-x"', '"!"', '"n0: "', '"n1: "', '"a very long prefix that is cut at 29"', '""', '"--dport"', '"a\\"b"', '"a\\ b"', 'x"y z"', '"open'],
  num: ['1', '5', '10', '29', '128', '4294967296', '0', '99999'],
  rate: ['5/second', '5/sec', '10/minute', '1/hour', '0/second', '5/fortnight'],
  chain: ['INPUT', 'OUTPUT', 'FORWARD', 'NET1', 'NET2', 'X', '1X', '-Z'],
  iface: ['eth0', 'eth1', 'lo', 'ppp0', 'averyveryverylongname'],
  mark: ['0x1', '0x2/0xff', '1', '2', 'x'],
};
const PATTERNS = [
  '-A {chain} -s {addr} -j ACCEPT',
  '-A {chain} -s {addr} -p tcp -m tcp --dport {port} -j ACCEPT',
  '-A {chain} -s {addr} -p udp -m multiport --dports {ports} -j ACCEPT',
  '-A {chain} -s {addr} -m conntrack --ctstate NEW -m comment --comment {text} -j LOG --log-prefix {text}',
  '-A {chain} -s {addr} -p tcp -m tcp --dport {port} -j REJECT --reject-with tcp-reset',
  '-A {chain} -s {addr} -p icmp -m icmp --icmp-type echo-request -m limit --limit {rate} -j ACCEPT',
  '-A {chain} -p tcp --sport {port} --dport {port} ! -s {addr} -j DROP',
  '-A {chain} -i {iface} -o {iface} -d {addr} -j ACCEPT',
  '-A {chain} -p {num} -s {addr} -j ACCEPT',
  '-A {chain} -p tcp -j {chain}',
  '-I {chain} {num} -p tcp --dport {port} -j ACCEPT',
  '-A {chain} -c {num} {num} -s {addr} -j ACCEPT',
  '-A {chain} -m mark --mark {mark} -j MARK --set-mark {mark}',
  '-A {chain} -m hashlimit --hashlimit-upto {rate} --hashlimit-burst {num} --hashlimit-name {text} -j ACCEPT',
  '-A {chain} -m length --length {port} -m ttl --ttl-gt {num} -j DROP',
  '-A {chain} -m recent --name {text} --rcheck --seconds {num} --hitcount {num} -j DROP',
  '-A {chain} -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {num}',
  '-A {chain} -s {addr} -j {chain}',
  '-A {chain} -p tcp --dport {port} {text} -j ACCEPT',
  '-A {chain} -m string --string {text} --algo bm --from {num} --to {num} -j DROP',
];

describe('rule templates', () => {
  test('a line read as the template of its shape has the rule a parse of that line alone gives', () => {
    const next = rng(11);
    let lines = 0;
    let templated = 0;
    for (let round = 0; round < 40; round++) {
      const body: string[] = [];
      for (let k = 0; k < 300; k++) {
        const pattern = PATTERNS[Math.floor(next() * PATTERNS.length)];
        // Mostly the first values of each pool, so that shapes repeat.
        body.push(pattern.replace(/\{(\w+)\}/g, (_, pool: string) => {
          const values = POOLS[pool];
          return values[Math.floor(next() ** 8 * values.length)];
        }));
      }
      const file = parse(['*filter', ':NET1 - [0:0]', ':NET2 - [0:0]', ':X - [0:0]', ...body, 'COMMIT', ''].join('\n'));
      templated += file.templated;
      for (const line of file.lines) {
        if (line.kind !== 'rule') continue;
        const alone = parse(`*filter\n${line.text}\nCOMMIT\n`).lines[1] as RuleLine;
        assert.deepEqual(ruleShape(line.rule), ruleShape(alone.rule), line.text);
        assert.equal(line.textHash, alone.textHash, line.text);
        lines++;
      }
    }
    // Many lines took the quick way, so the comparison above is of them.
    assert.ok(templated > lines / 4, `${templated} of ${lines} lines read from a template`);
  });

  test('a value that decides how a line reads, or reads as an option, sends the line to the full parse', () => {
    const cases = [
      ['-A INPUT -p 6 -s 10.0.0.1 -j ACCEPT', '-A INPUT -p 7 -s 10.0.0.1 -j ACCEPT'],
      ['-A INPUT -s 10.0.0.1 -j 1X', '-A INPUT -s 10.0.0.1 -j 2X'],
      ['-I INPUT 3 -s 10.0.0.1 -j ACCEPT', '-I INPUT 4 -s 10.0.0.1 -j ACCEPT'],
      ['-A INPUT -c 1 2 -j ACCEPT', '-A INPUT -c 3 4 -j ACCEPT'],
      ['-A INPUT -m comment --comment "ab" -j ACCEPT', '-A INPUT -m comment --comment "-x" -j ACCEPT'],
    ];
    for (const [a, b] of cases) {
      const file = parse(`*filter\n${a}\n${a}\n${b}\n${b}\nCOMMIT\n`);
      const last = file.lines[4] as RuleLine;
      const alone = parse(`*filter\n${b}\nCOMMIT\n`).lines[1] as RuleLine;
      assert.deepEqual(ruleShape(last.rule), ruleShape(alone.rule), b);
      assert.equal(file.templated, 0, b);
    }
  });

  test('lines of one template share their parts and keep their own values', () => {
    const body = Array.from({ length: 6 }, (_, i) => `-A INPUT -s 10.0.0.${i} -p tcp -m tcp --dport 80${i} -j LOG --log-prefix "p${i % 2}"`);
    const file = parse(['*filter', ...body, 'COMMIT', ''].join('\n'));
    const rules = file.lines.filter((l): l is RuleLine => l.kind === 'rule');
    // The first line meets the shape, the second becomes its template, the rest are read from it.
    assert.equal(file.templated, 4);
    rules.forEach((l, i) => {
      assert.equal(l.rule.core[0].args[0].value, `10.0.0.${i}`);
      assert.equal(l.rule.matches[0].options[0].args[0].value, `80${i}`);
      assert.equal(l.rule.target?.options[0].args[0].value, `p${i % 2}`);
    });
    assert.equal(rules[2].rule.core[1], rules[5].rule.core[1], '-p tcp is one part');
    assert.equal(rules[2].rule.target, rules[4].rule.target, 'the same prefix is one target');
    assert.notEqual(rules[2].rule.target, rules[3].rule.target);
  });
});
