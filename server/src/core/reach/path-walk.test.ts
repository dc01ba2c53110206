import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax/parser';
import { ANYWHERE, reach } from './reach';
import { parseMark, markAfter, connmarkCopy } from './marks';
import type { OptionUse } from '../syntax/model';

const opt = (name: string, value?: string): OptionUse => ({ name, args: value === undefined ? [] : [{ value }], negation: false }) as unknown as OptionUse;

test('marks: value/mask as iptables reads them, and what MARK and CONNMARK make of a mark', () => {
  assert.deepEqual(parseMark('0x10/0xff'), { value: 16, mask: 255 });
  assert.deepEqual(parseMark('010'), { value: 8, mask: 0xffffffff });
  assert.equal(parseMark('0x1ffffffff'), undefined);
  assert.equal(parseMark('one'), undefined);
  assert.equal(markAfter([opt('set-xmark', '0x1/0x3')], 0x6).mark, 0x5);
  assert.equal(markAfter([opt('set-mark', '0x1/0x3')], 0x6).mark, 0x5);
  assert.equal(markAfter([opt('or-mark', '0x8')], 0x1).mark, 0x9);
  assert.equal(markAfter([opt('and-mark', '0x8')], 0x9).mark, 0x8);
  assert.equal(markAfter([opt('xor-mark', '0x1')], 0x1).mark, 0);
  assert.equal(markAfter([opt('set-mark', '1')], undefined).mark, undefined);
  assert.deepEqual(connmarkCopy([opt('save-mark')], 7, 0), { mark: 7, ctmark: 7 });
  assert.deepEqual(connmarkCopy([opt('restore-mark'), opt('mask', '0xf')], 0x30, 0x25), { mark: 0x35, ctmark: 0x25 });
});

const MANGLE = (rules: string[]): string => ['*mangle', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...rules, 'COMMIT'].join('\n');
const FILTER = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m mark --mark 0 -j ACCEPT', 'COMMIT', ''].join('\n');

test('a mangle table that forks on every rule: the default path stays exact, the rest may be anything', () => {
  const marks = Array.from({ length: 40 }, (_, i) => `-A PREROUTING -s 10.0.${i}.0/24 -j MARK --set-mark ${i + 1}`);
  const file = parse(`${MANGLE(marks)}\n${FILTER}`);
  // A source no rule names: no rule matches, the mark stays 0, the connection is accepted for sure.
  const anywhere = reach(file, { port: 22, from: ANYWHERE });
  assert.equal(anywhere.verdict, 'accept');
  assert.deepEqual(anywhere.possible, ['accept']);
  // A source not known: every rule may match; the default path (none does) still accepts, others may not.
  const unknown = reach(file, { port: 22 });
  assert.equal(unknown.verdict, 'accept');
  assert.ok(unknown.possible.includes('drop') || unknown.possible.includes('half-open'), unknown.possible.join());
  // A source a rule names: that mark, and filter drops it.
  assert.equal(reach(file, { port: 22, from: '10.0.3.9' }).verdict, 'drop');
  // Past the limit of branches the default path still meets every later rule.
  const later = parse(`${MANGLE([...marks, '-A PREROUTING -p tcp --dport 22 -j DROP'])}\n${FILTER}`);
  assert.equal(reach(later, { port: 22 }).verdict, 'drop');
});

test('a MARK inside filter itself: filter cannot rely on the mark the packet came with', () => {
  const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 22 -j MARK --set-mark 1', '-A INPUT -m mark --mark 1 -j ACCEPT', 'COMMIT', ''].join('\n');
  const r = reach(parse(text), { port: 22, from: ANYWHERE });
  assert.ok(r.possible.includes('accept'), r.possible.join());
  // Without the MARK the mark is 0 and the accept never matches.
  const none = reach(parse(text.replace('-A INPUT -p tcp --dport 22 -j MARK --set-mark 1\n', '')), { port: 22, from: ANYWHERE });
  assert.deepEqual(none.possible, ['drop']);
});

test('DNAT to this host by an IPv6 address in brackets keeps the connection here, on the new port', () => {
  const text = [
    '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]',
    '-A PREROUTING -p tcp --dport 2222 -j DNAT --to-destination [fd00:200::1]:22', 'COMMIT',
    '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', '',
  ].join('\n');
  const file = parse(text, 'ipv6');
  const q = { from: 'fd00:200::2', to: 'fd00:200::1', iface: 'eth0' };
  assert.equal(reach(file, { port: 2222, ...q }).verdict, 'accept');
  // Another host: not this walk's to decide.
  assert.ok(reach(file, { port: 2222, ...q, to: 'fd00:200::7' }).possible.length > 1);
});
