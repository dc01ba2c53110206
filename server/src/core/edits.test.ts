// Fixes edit text; --fix writes bytes. applyEditsToBytes must change exactly the bytes applyEdits
// changes in the text, and leave every other byte as it was, UTF-8 or not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TextEdit } from './diagnostic';
import { applyEdits, applyEditsToBytes, decodeText } from './edits';

const bytes = (...parts: Array<string | number[]>): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
};
const edit = (l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit => ({ range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText });
const hex = (b: Uint8Array | { badLine: number }): string => ('badLine' in b ? `bad line ${b.badLine}` : Buffer.from(b).toString('hex'));

const CASES: Array<{ name: string; input: Uint8Array; edits: TextEdit[]; output: Uint8Array | { badLine: number } }> = [
  {
    name: 'a Latin-1 comment on another line stays Latin-1',
    input: bytes('# soci', [0xe9], 't', [0xe9], '\n-A INPUT -m state --state NEW -j ACCEPT\n'),
    edits: [edit(1, 12, 1, 25, 'conntrack --ctstate')],
    output: bytes('# soci', [0xe9], 't', [0xe9], '\n-A INPUT -m conntrack --ctstate NEW -j ACCEPT\n'),
  },
  {
    name: 'a whole Latin-1 line can be deleted',
    input: bytes('a\n# caf', [0xe9], '\nb\n'),
    edits: [edit(1, 0, 2, 0, '')],
    output: bytes('a\nb\n'),
  },
  {
    name: 'an edit after multi-byte characters lands on the right byte',
    input: bytes('-A INPUT -m comment --comment "café 🔥" -m state --state NEW\n'),
    edits: [edit(0, 43, 0, 56, 'conntrack --ctstate')],
    output: bytes('-A INPUT -m comment --comment "café 🔥" -m conntrack --ctstate NEW\n'),
  },
  {
    name: 'a byte-order mark and CRLF are kept',
    input: bytes([0xef, 0xbb, 0xbf], '*filter\r\nCOMMIT\r\n'),
    edits: [edit(1, 0, 1, 0, '-A INPUT -j ACCEPT\r\n')],
    output: bytes([0xef, 0xbb, 0xbf], '*filter\r\n-A INPUT -j ACCEPT\r\nCOMMIT\r\n'),
  },
  {
    name: 'a last line without a newline gets one',
    input: bytes('*filter\nCOMMIT'),
    edits: [edit(1, 6, 1, 6, '\n')],
    output: bytes('*filter\nCOMMIT\n'),
  },
  {
    name: 'inside a line that is not UTF-8 there is no exact byte: nothing is edited',
    input: bytes('-A INPUT -m comment --comment "', [0xe9], '" -m state --state NEW\n'),
    edits: [edit(0, 37, 0, 50, 'conntrack --ctstate')],
    output: { badLine: 0 },
  },
];

test('applyEditsToBytes: the case table', () => {
  for (const c of CASES) assert.equal(hex(applyEditsToBytes(c.input, c.edits)), hex(c.output), c.name);
});

const line = fc.array(fc.constantFrom('a', '-', ' ', 'é', '€', '🔥', '\r', '"'), { maxLength: 12 }).map((cs) => cs.join(''));
const text = fc.array(line, { minLength: 1, maxLength: 8 }).map((ls) => ls.join('\n'));

/** Non-overlapping edits at positions that split no surrogate pair. */
function editsFor(t: string, picks: Array<[number, number, number, string]>): TextEdit[] {
  const lines = t.split('\n');
  const points: Array<{ line: number; character: number; offset: number }> = [];
  let offset = 0;
  lines.forEach((l, i) => {
    for (let c = 0; c <= l.length; c++) if (!/[\udc00-\udfff]/.test(l[c] ?? '')) points.push({ line: i, character: c, offset: offset + c });
    offset += l.length + 1;
  });
  const chosen = picks.map(([a, b, _, s]) => [points[a % points.length], points[b % points.length], s] as const).map(([x, y, s]) => (x.offset <= y.offset ? [x, y, s] as const : [y, x, s] as const));
  chosen.sort((p, q) => p[0].offset - q[0].offset);
  const out: TextEdit[] = [];
  let end = -1;
  for (const [from, to, s] of chosen) {
    if (from.offset <= end) continue;
    out.push({ range: { start: { line: from.line, character: from.character }, end: { line: to.line, character: to.character } }, newText: s });
    end = to.offset;
  }
  return out;
}

test('applyEditsToBytes changes the bytes as applyEdits changes the text (UTF-8 text)', () => {
  fc.assert(
    fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('', 'x', 'é\n', '🔥')), { maxLength: 4 }), (t, picks) => {
      const edits = editsFor(t, picks);
      const out = applyEditsToBytes(new TextEncoder().encode(t), edits);
      assert.ok(!('badLine' in out));
      assert.equal(decodeText(out), applyEdits(t, edits));
    }),
    { numRuns: 500 },
  );
});

test('edits at line starts keep every other byte, whatever the bytes are', () => {
  const raw = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(0x0a)), { maxLength: 60 }).map((b) => Uint8Array.from(b));
  fc.assert(
    fc.property(raw, fc.nat(), fc.nat(), (input, a, b) => {
      const lines = decodeText(input).split('\n').length;
      const [from, to] = [a % (lines + 1), b % (lines + 1)].sort((x, y) => x - y);
      const edits = [edit(from, 0, to, 0, 'NEW\n')];
      const out = applyEditsToBytes(input, edits);
      assert.ok(!('badLine' in out));
      assert.equal(decodeText(out), applyEdits(decodeText(input), edits));
      // The bytes before the first edited line are the input's own.
      let start = 0;
      for (let l = 0; l < from; l++) start = input.indexOf(0x0a, start) + 1;
      assert.deepEqual(out.subarray(0, start), input.subarray(0, start));
    }),
    { numRuns: 500 },
  );
});
