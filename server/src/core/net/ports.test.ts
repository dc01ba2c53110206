import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numericListMisses, parsePortList, portInItems } from './ports';

const PLAIN = [110, 143];

test('numericListMisses agrees with parsePortList on numeric lists', () => {
  const lists = ['25', '110', '143', '25,587', '25,110,587', '100:120', '144:', ':109', ':110', '111:142', '0:65535', '993,995', '1,2,3,4,5,6,7,8,9,10,11,12,13,14,143'];
  for (const list of lists) {
    const items = parsePortList(list);
    assert.ok(items, list);
    const hit = PLAIN.some((p) => portInItems(p, items));
    assert.equal(numericListMisses(list, PLAIN), !hit, list);
  }
});

test('numericListMisses defers to the full parser on names and odd text', () => {
  for (const list of ['imap', 'pop3,25', '25,', ',25', '1:2:3', '99999', '', '25 ', '0x19']) {
    assert.equal(numericListMisses(list, PLAIN), false, list);
  }
});
