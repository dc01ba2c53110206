import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../lint/edits';
import { formatLines } from './format';
import { parse } from '../syntax/parser';
import { tokenize } from '../syntax/tokenize';

const format = (text: string, from?: number, to?: number): string => applyEdits(text, formatLines(parse(text), from, to));

test('one space between words; table and chain lines trimmed', () => {
  assert.equal(format('*filter  \n:INPUT   DROP  [0:0]\n-A INPUT   -p tcp\t--dport 22    -j ACCEPT  \nCOMMIT\n'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n');
});

test('quoted strings, comments, counters and CRLF endings are kept', () => {
  const text = '*filter\r\n# keep   this  \r\n[5:300]   -A INPUT -m comment --comment  "two  spaces"   -j LOG --log-prefix "x: "\r\nCOMMIT\r\n';
  assert.equal(format(text), '*filter\r\n# keep   this  \r\n[5:300] -A INPUT -m comment --comment "two  spaces" -j LOG --log-prefix "x: "\r\nCOMMIT\r\n');
});

test('lines iptables refuses keep their text: an indented comment, blanks only, an open quote', () => {
  const text = '*filter\n   # indented\n   \n-A INPUT -m comment --comment "open   -j ACCEPT\nCOMMIT\n';
  assert.equal(format(text), text);
});

test('every formatted rule splits into the same arguments', () => {
  const text = '*filter\n-A  INPUT  -s 10.0.0.0/8\t-p  tcp -m multiport  --dports 25,587  -m comment --comment "a \\"q\\"  b" -j ACCEPT\nCOMMIT\n';
  const before = parse(text).lines.filter((l) => l.kind === 'rule').map((l) => tokenize(l.text).map((t) => t.value));
  const after = parse(format(text)).lines.filter((l) => l.kind === 'rule').map((l) => tokenize(l.text).map((t) => t.value));
  assert.deepEqual(after, before);
});

test('format selection touches only the chosen lines', () => {
  assert.equal(format('*filter\n-A INPUT  -j ACCEPT\n-A INPUT  -j DROP\nCOMMIT\n', 2, 2), '*filter\n-A INPUT  -j ACCEPT\n-A INPUT -j DROP\nCOMMIT\n');
});
