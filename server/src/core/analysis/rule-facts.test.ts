import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintParsed } from '../lint/engine';
import { ALL_CHECKS } from '../checks';
import { DEFAULT_OPTIONS } from '../lint/check';
import { namedPortsOf } from '../reach/named-ports';
import type { RuleLine } from '../syntax/model';
import { parse } from '../syntax/parser';
import { parseForChecks } from './rule-facts';

const TEXT = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':SSH - [0:0]',
  '-A INPUT -s 10.1.2.3/8 -p tcp --dport 22 -j SSH',
  '-A INPUT -p tcp -m multiport --dports 25,465 -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j REJECT --reject-with tcp-reset',
  '-A INPUT -j REJECT --reject-with tcp-reset',
  '-A SSH -s 010.0.0.1 -j ACCEPT',
  'COMMIT',
  '',
].join('\n');

test('parse calls ruleRead for the rule lines it reads and ruleIndexed for every rule line', () => {
  const read: number[] = [];
  const indexed: number[] = [];
  const first = parse(TEXT, 'ipv4', undefined, { ruleRead: (l: RuleLine) => read.push(l.index), ruleIndexed: (l: RuleLine) => indexed.push(l.index) });
  assert.deepEqual(read, [3, 4, 5, 6, 7]);
  assert.deepEqual(indexed, [3, 4, 5, 6, 7]);
  read.length = 0;
  indexed.length = 0;
  const edited = TEXT.replace('--dports 25,465', '--dports 25,587');
  parse(edited, 'ipv4', first, { ruleRead: (l: RuleLine) => read.push(l.index), ruleIndexed: (l: RuleLine) => indexed.push(l.index) });
  assert.deepEqual(read, [4]);
  assert.deepEqual(indexed, [3, 4, 5, 6, 7]);
});

test('the facts worked out as the parse goes are the ones worked out on first use', () => {
  const withFacts = parseForChecks(TEXT, 'ipv4');
  const without = parse(TEXT, 'ipv4');
  const lint = (f: typeof without): unknown => lintParsed(TEXT, f, DEFAULT_OPTIONS, ALL_CHECKS).map((d) => [d.code, d.message, d.range]);
  assert.deepEqual(lint(without), lint(withFacts));
  const a = namedPortsOf(withFacts);
  const b = namedPortsOf(without);
  assert.deepEqual([...a.marked.keys()].filter((p) => a.marked[p]), [...b.marked.keys()].filter((p) => b.marked[p]));
  assert.deepEqual(a.lists.map((l) => l.index), b.lists.map((l) => l.index));
});
