import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCheckCases } from '../../test-support/check-tester';
import { lint } from '..';
import { missingObject } from './missing-object';
import { cases } from './missing-object.cases';

runCheckCases(missingObject, cases);

// Not in the case table: the truth tests load its cases, and these name objects no namespace has.
test('missing-object: a kind the settings do not list is not checked', () => {
  const text = '*filter\n-A INPUT -m set --match-set blocklist src -m nfacct --nfacct-name wan -m connlabel --label web\nCOMMIT\n';
  const found = (hostObjects: object): string[] => lint(text, { hostObjects }).filter((d) => d.code === 'missing-object').map((d) => d.message.split(' ')[0]);
  assert.deepEqual(found({}), []);
  assert.deepEqual(found({ ipset: ['blocklist'] }), []);
  assert.deepEqual(found({ nfacct: [] }), ['nfacct']);
  assert.deepEqual(found({ connlabel: ['web'], ipset: [] }), ['Set']);
});

test('missing-object: ipset and nfacct look a name up by its first 31 bytes', () => {
  const long = 'a'.repeat(31);
  const text = `*filter\n-A INPUT -m set --match-set ${long}b src -m nfacct --nfacct-name ${long}c\nCOMMIT\n`;
  assert.deepEqual(lint(text, { hostObjects: { ipset: [long], nfacct: [long] } }).filter((d) => d.code === 'missing-object'), []);
});
