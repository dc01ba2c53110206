import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HashTable } from './hash-table';

test('the hash table finds each key it holds, by its own hash, and only those', () => {
  const n = 5000;
  const t = new HashTable<string, number>(n, (a, b) => a === b);
  // Few distinct hashes (including 0 and negatives), so keys share slots' hashes and probe runs wrap.
  const hash = (i: number): number => [0, -1, 7, 0x7fffffff, -0x80000000][i % 5];
  for (let i = 0; i < n; i++) t.set(`k${i}`, hash(i), i);
  for (let i = 0; i < n; i += 7) t.set(`k${i}`, hash(i), -i);
  for (let i = 0; i < n; i++) assert.equal(t.get(`k${i}`, hash(i)), i % 7 === 0 ? -i : i, `k${i}`);
  assert.equal(t.get('k1', hash(2)), undefined, 'a key looked up under another hash');
  assert.equal(t.get(`k${n}`, hash(n)), undefined, 'a key never set');
});
