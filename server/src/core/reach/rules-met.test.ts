import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax/parser';
import { tableOf } from '../syntax/ruleset';
import { TCP_FLAG_BITS, type Packet } from './evaluate';
import { rulesMet, waysInto } from './rules-met';

const ack = (port: number): Packet => ({ hook: 'INPUT', localPort: port, state: 'ESTABLISHED', flags: TCP_FLAG_BITS.ACK });
const syn = (port: number): Packet => ({ hook: 'INPUT', localPort: port, state: 'NEW', flags: TCP_FLAG_BITS.SYN });

/** The 1-based line numbers of the rules met, in file order. */
function metLines(text: string, table: string, packet: Packet, hooks: string[]): number[] {
  const model = tableOf(parse(text), table);
  assert.ok(model);
  return [...rulesMet(model, packet, hooks).keys()].map((l) => l.index + 1).sort((a, b) => a - b);
}

const GUARDED = [
  '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':BASE - [0:0]', ':G - [0:0]',
  '-A INPUT -j BASE', // 7
  '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j G', // 8
  '-A INPUT -p tcp --dport 80 -j G', // 9
  '-A BASE -m conntrack --ctstate ESTABLISHED -p tcp --dport 443 -j ACCEPT', // 10
  '-A BASE -p tcp --dport 8080 -j RETURN', // 11
  '-A G -m recent --name g --set', // 12
  '-A G -j ACCEPT', // 13
  'COMMIT', '',
].join('\n');

test('rulesMet: follows jumps, and stops at what surely decides', () => {
  // An established packet to 22 skips the NEW jump; to 80 it enters G; to 443 BASE accepts it.
  assert.deepEqual(metLines(GUARDED, 'filter', ack(22), ['INPUT']), [7]);
  assert.deepEqual(metLines(GUARDED, 'filter', ack(80), ['INPUT']), [7, 9, 12, 13]);
  assert.deepEqual(metLines(GUARDED, 'filter', ack(443), ['INPUT']), [7, 10]);
  // BASE returns port 8080's packets: INPUT goes on after the jump.
  assert.deepEqual(metLines(GUARDED, 'filter', ack(8080), ['INPUT']), [7, 11]);
  assert.deepEqual(metLines(GUARDED, 'filter', syn(22), ['INPUT']), [7, 8, 12, 13]);
});

test('rulesMet: only the first packet of a connection goes through the nat table', () => {
  const nat = ['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp -j LOG', 'COMMIT', ''].join('\n');
  assert.deepEqual(metLines(nat, 'nat', ack(22), ['PREROUTING']), []);
  assert.deepEqual(metLines(nat, 'nat', syn(22), ['PREROUTING']), [6]);
});

test('waysInto: the rules that jump to a chain', () => {
  const model = tableOf(parse(GUARDED), 'filter');
  assert.ok(model);
  assert.deepEqual(waysInto(model, 'G').map((l) => l.index + 1), [8, 9]);
  assert.deepEqual(waysInto(model, 'INPUT'), []);
});
