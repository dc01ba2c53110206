import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax/parser';
import { ANYWHERE, reach, unnamedPort } from './reach';
import { explainPort, summarize } from './reach-summary';
import { kernelView, PROBE_CLIENT, PROBE_CLIENT6, REACH_CASES, REACH_CASES_MORE } from '../../test-support/reach.cases';
import { TABLE_CASES } from '../../test-support/reach-tables.cases';

for (const c of REACH_CASES) {
  test(`reach: ${c.name}`, () => {
    const file = parse(c.text);
    for (const [port, kernel] of Object.entries(c.kernel)) {
      const r = reach(file, { port: Number(port), ...PROBE_CLIENT });
      assert.ok(kernelView(r).includes(kernel), `port ${port}: engine ${kernelView(r).join('|')}, kernel ${kernel}`);
    }
  });
}

test('reach: names the rules that decide, and the chain that breaks a half-open connection', () => {
  const file = parse(REACH_CASES[0].text);
  const r = reach(file, { port: 22, ...PROBE_CLIENT });
  assert.equal(r.verdict, 'half-open');
  assert.equal(r.brokenIn, 'INPUT');
  // Line 5 accepts the SYN; the INPUT DROP policy (line 2) drops the ACK.
  assert.deepEqual(r.decidedBy, [4, 3, 1]);
});

test('reach: an address the file does not name misses every source limit; an unknown one may match', () => {
  const file = parse('*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n');
  assert.equal(reach(file, { port: 22, from: ANYWHERE }).verdict, 'drop');
  assert.deepEqual(reach(file, { port: 22, from: ANYWHERE }).possible, ['drop']);
  // Each packet is judged alone, so an unknown source may also seem to break mid-connection.
  const unknown = reach(file, { port: 22 }).possible;
  assert.ok(unknown.includes('accept') && unknown.includes('drop'), unknown.join());
  assert.equal(reach(file, { port: 22, from: '10.1.2.3' }).verdict, 'accept');
});

test('reach: a file without a filter table lets everything through', () => {
  assert.equal(reach(parse('*nat\nCOMMIT\n'), { port: 25 }).verdict, 'accept');
});

test('the port no rule names is the first candidate that no port option of the file covers', () => {
  const rules = (lines: string[]): string => ['*filter', ':INPUT DROP [0:0]', ...lines, 'COMMIT', ''].join('\n');
  const cases: Array<[string, number]> = [
    [rules(['-A INPUT -p tcp --dport 22 -j ACCEPT']), 40999],
    [rules(['-A INPUT -p tcp --dport 40999 -j ACCEPT']), 40002],
    [rules(['-A INPUT -p tcp -m multiport --dports 22,40999 -j ACCEPT']), 40002],
    [rules(['-A INPUT -p tcp --dport 40000:41000 -j ACCEPT']), 39005],
    [rules(['-A INPUT -p udp --sport 40999 -j ACCEPT', '-A INPUT -p tcp -m multiport --ports 40002 -j ACCEPT']), 39005],
    // Outside any table, and in a second table, rules still name ports.
    [['-A INPUT -p tcp --dport 40999 -j ACCEPT', rules(['-A INPUT -p tcp -m multiport --dports 40002:40003 -j ACCEPT'])].join('\n'), 39005],
  ];
  for (const [text, port] of cases) assert.equal(unnamedPort(parse(text)), port, text);
  // An incremental parse marks the ports of the lines it keeps as well as of those it reads.
  const before = parse(cases[1][0]);
  assert.equal(unnamedPort(parse(cases[1][0].replace(':INPUT DROP', ':INPUT ACCEPT'), 'ipv4', before)), 40002);
});

test('reach: one new connection is within a rate limit, and the explanation names the limit', () => {
  const text = (rule: string): string => `*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n${rule}\nCOMMIT\n`;
  const sure = (rule: string, verdict: string): void => {
    const r = reach(parse(text(rule)), { port: 22, from: ANYWHERE });
    assert.deepEqual([r.verdict, r.possible], [verdict, [verdict]], rule);
  };
  sure('-A INPUT -p tcp --dport 22 -m limit --limit 3/min -j ACCEPT', 'accept');
  sure('-A INPUT -p tcp --dport 22 -m limit -j ACCEPT', 'accept');
  sure('-A INPUT -p tcp --dport 22 -m hashlimit --hashlimit-upto 3/min --hashlimit-name a -j ACCEPT', 'accept');
  // Above the rate: never for the first packet of a bucket.
  sure('-A INPUT -p tcp -m hashlimit --hashlimit-above 3/min --hashlimit-name a -j DROP\n-A INPUT -p tcp -j ACCEPT', 'accept');
  // A bucket's first answer holds only for an ACCEPT that matches or a DROP that does not: a
  // retransmitted SYN meets the bucket again.
  const retried = (rule: string): string[] => reach(parse(text(`${rule}\n-A INPUT -p tcp -j ACCEPT`)), { port: 22, from: ANYWHERE }).possible.sort();
  assert.deepEqual(retried('-A INPUT -p tcp -m limit --limit 1/min -j DROP'), ['accept', 'drop']);
  assert.deepEqual(retried('-A INPUT -p tcp -m limit --limit 1/min -j REJECT'), ['accept', 'reject']);
  // connlimit counts the connection itself: one.
  sure('-A INPUT -p tcp -m connlimit --connlimit-above 0 -j ACCEPT', 'accept');
  sure('-A INPUT -p tcp -m connlimit --connlimit-above 1 -j ACCEPT', 'drop');
  sure('-A INPUT -p tcp -m connlimit --connlimit-upto 1 -j ACCEPT', 'accept');
  // A burst of 0 is not decided.
  const zero = reach(parse(text('-A INPUT -p tcp -m limit --limit-burst 0 -j ACCEPT')), { port: 22, from: ANYWHERE });
  assert.deepEqual(zero.possible.sort(), ['accept', 'drop']);
  // Only the opening SYN is within it: a limit on ESTABLISHED packets still may drop the rest.
  const later = reach(parse('*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m limit -j ACCEPT\nCOMMIT\n'), { port: 22, from: ANYWHERE });
  assert.ok(later.possible.includes('half-open'), later.possible.join());
  const file = parse(text('-A INPUT -p tcp --dport 22 -m limit --limit 3/min --limit-burst 5 -j ACCEPT'));
  assert.match(explainPort(file, { port: 22, from: ANYWHERE }), /SYN in filter INPUT: accepted by line 4: .* \(rate-limited by -m limit --limit 3\/min --limit-burst 5 on line 4: one new connection is within it/);
  assert.match(summarize(file)?.title ?? '', /SSH: open, rate-limited/);
});

for (const c of TABLE_CASES) {
  test(`reach through every table: ${c.name}`, () => {
    const file = parse(c.text);
    for (const [port, kernel] of Object.entries(c.kernel)) {
      const r = reach(file, { port: Number(port), ...PROBE_CLIENT });
      assert.ok(kernelView(r).includes(kernel), `port ${port}: engine ${kernelView(r).join('|')}, kernel ${kernel}`);
    }
  });
}

test('reach through every table: the explanation names each table the packet meets', () => {
  const text = TABLE_CASES.find((c) => c.name.startsWith('nat PREROUTING redirects 8080 to 80; filter accepts 80'))?.text ?? '';
  const why = explainPort(parse(text), { port: 8080, ...PROBE_CLIENT });
  assert.match(why, /nat PREROUTING: REDIRECT to tcp\/80 \(line 6\)/);
  assert.match(why, /filter INPUT/);
});

for (const c of REACH_CASES_MORE) {
  test(`reach, decided as the kernel does: ${c.name}`, () => {
    const file = parse(c.text, c.family === 6 ? 'ipv6' : 'ipv4');
    for (const [port, kernel] of Object.entries(c.kernel)) {
      const r = reach(file, { port: Number(port), ...(c.family === 6 ? PROBE_CLIENT6 : PROBE_CLIENT) });
      assert.deepEqual(kernelView(r), [kernel], `port ${port}`);
    }
  });
}
